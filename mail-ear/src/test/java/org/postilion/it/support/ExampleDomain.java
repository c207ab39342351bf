package org.postilion.it.support;

/**
 * The directory the SMTP transcript scripts are written against (their fake backend has the same): example.com
 * with users bob and alice, the disabled user carol, and the alias sales@example.com that delivers to bob (so bob
 * may send as it).
 */
public final class ExampleDomain {

    public static final String DOMAIN = "example.com";
    public static final String BOB = "bob@example.com";
    public static final String BOB_PASSWORD = "bob's password";
    public static final String ALICE = "alice@example.com";
    public static final String ALICE_PASSWORD = "alice's password";
    public static final String CAROL = "carol@example.com";

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
        admin.ensureUser(CAROL, "carol's password");
        AdminClient.expect(200, admin.put("/users/" + CAROL, "{\"enabled\":false}"));
        admin.setAlias("sales@" + DOMAIN, BOB);
        ready = true;
    }
}
