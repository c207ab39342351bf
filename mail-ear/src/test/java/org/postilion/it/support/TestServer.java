package org.postilion.it.support;

import java.net.URI;
import java.util.UUID;

/** Where the test server listens, as the build configured it (failsafe system properties). */
public final class TestServer {

    public static final String HOST = "127.0.0.1";

    private TestServer() {
    }

    public static int smtpPort() {
        return Integer.getInteger("it.smtp.port", 2625);
    }

    public static int submissionPort() {
        return Integer.getInteger("it.submission.port", 2687);
    }

    public static int submissionsPort() {
        return Integer.getInteger("it.submissions.port", 2665);
    }

    public static int imapPort() {
        return Integer.getInteger("it.imap.port", 2643);
    }

    public static int imapsPort() {
        return Integer.getInteger("it.imaps.port", 2693);
    }

    public static int httpPort() {
        return Integer.getInteger("it.http.port", 8180);
    }

    /** WildFly's HTTPS listener (its default 8443, shifted like the other WildFly ports). */
    public static int httpsPort() {
        return 8443 + Integer.getInteger("it.port.offset", 100);
    }

    public static URI api(String path) {
        return URI.create("http://" + HOST + ":" + httpPort() + "/api" + path);
    }

    /** A domain name no other test (or earlier run on the same database) uses. */
    public static String uniqueDomain(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }
}
