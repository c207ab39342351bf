package org.postilion.it.support;

/**
 * The directory the SMTP transcript scripts are written against (their fake backend has the same): example.com
 * with users bob and alice, and the alias sales@example.com that delivers to bob (so bob may send as it).
 */
public final class ExampleDomain {

    public static final String DOMAIN = "example.com";
    public static final String BOB = "bob@example.com";
    public static final String BOB_PASSWORD = "bob's password";
    public static final String ALICE = "alice@example.com";
    public static final String ALICE_PASSWORD = "alice's password";

    private static boolean ready;

    private ExampleDomain() {
    }

    public static synchronized void ensure() {
        if (ready) {
            return;
        }
        AdminClient admin = new AdminClient();
        admin.ensureDomain(DOMAIN);
        admin.ensureUser(BOB, BOB_PASSWORD);
        admin.ensureUser(ALICE, ALICE_PASSWORD);
        admin.setAlias("sales@" + DOMAIN, BOB);
        ready = true;
    }
}
