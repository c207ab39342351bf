package org.postilion.connector.spi;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The mail listeners' default ports and the server's name, as the system properties set them: read by the
 * connector when it opens its listeners, and by the web module when it tells clients where to connect
 * (autoconfiguration), so that both always say the same.
 */
public final class Listeners {

    public static final int DEFAULT_SMTP_PORT = 2525;
    public static final int DEFAULT_SUBMISSION_PORT = 2587;
    public static final int DEFAULT_SUBMISSIONS_PORT = 2465;
    public static final int DEFAULT_IMAP_PORT = 2143;
    public static final int DEFAULT_IMAPS_PORT = 2993;

    private Listeners() {
    }

    /**
     * The port of a listener ({@code postilion.<listener>.port}), -1 when it is turned off.
     *
     * @throws IllegalArgumentException when the setting is not a number
     */
    public static int port(String listener, int fallback) {
        String v = System.getProperty("postilion." + listener + ".port");
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property postilion." + listener + ".port is not a number: " + v, e);
        }
    }

    /** The server's name: {@code postilion.hostname}, else WildFly's qualified host name, else the local host's. */
    public static String hostname() {
        String configured = System.getProperty("postilion.hostname");
        return configured != null && !configured.isBlank() ? configured.strip() : defaultHostname();
    }

    /** The name the server has without {@code postilion.hostname}. */
    public static String defaultHostname() {
        String qualified = System.getProperty("jboss.qualified.host.name");
        if (qualified != null) {
            return qualified;
        }
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
