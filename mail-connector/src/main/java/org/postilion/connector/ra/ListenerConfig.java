package org.postilion.connector.ra;

import org.postilion.connector.smtp.SmtpSettings;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Function;

/**
 * Resolves the connector's settings: a system property wins over the resource adapter's config property,
 * which wins over the default.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>system property</th><th>default</th></tr>
 *   <tr><td>postilion.bind.address</td><td>jboss.bind.address, else 127.0.0.1</td></tr>
 *   <tr><td>postilion.hostname</td><td>jboss.qualified.host.name, else the local host name</td></tr>
 *   <tr><td>postilion.io-threads</td><td>2 per core</td></tr>
 *   <tr><td>postilion.smtp.port</td><td>2525 (production: 25)</td></tr>
 *   <tr><td>postilion.smtp.message-size-limit</td><td>10240000</td></tr>
 *   <tr><td>postilion.smtp.recipient-limit</td><td>1000</td></tr>
 *   <tr><td>postilion.smtp.line-length-limit</td><td>2048</td></tr>
 *   <tr><td>postilion.smtp.timeout</td><td>300 (seconds)</td></tr>
 *   <tr><td>postilion.smtp.hard-error-limit</td><td>20</td></tr>
 * </table>
 */
final class ListenerConfig {

    static final int DEFAULT_SMTP_PORT = 2525;

    private final MailResourceAdapter ra;

    ListenerConfig(MailResourceAdapter ra) {
        this.ra = ra;
    }

    String bindAddress() {
        return string("postilion.bind.address", ra.getBindAddress(), System.getProperty("jboss.bind.address", "127.0.0.1"));
    }

    String hostname() {
        String fallback = System.getProperty("jboss.qualified.host.name");
        if (fallback == null) {
            try {
                fallback = InetAddress.getLocalHost().getCanonicalHostName();
            } catch (UnknownHostException e) {
                fallback = "localhost";
            }
        }
        return string("postilion.hostname", ra.getHostname(), fallback);
    }

    int ioThreads() {
        return number("postilion.io-threads", null, 2 * Runtime.getRuntime().availableProcessors(), Integer::valueOf);
    }

    InetSocketAddress smtpAddress() {
        return new InetSocketAddress(bindAddress(), number("postilion.smtp.port", ra.getSmtpPort(), DEFAULT_SMTP_PORT,
                Integer::valueOf));
    }

    SmtpSettings smtpSettings() {
        return new SmtpSettings(hostname(),
                number("postilion.smtp.line-length-limit", null, SmtpSettings.LINE_LENGTH_LIMIT, Integer::valueOf),
                number("postilion.smtp.message-size-limit", ra.getMessageSizeLimit(), SmtpSettings.MESSAGE_SIZE_LIMIT,
                        Long::valueOf),
                number("postilion.smtp.recipient-limit", null, SmtpSettings.RECIPIENT_LIMIT, Integer::valueOf),
                Duration.ofSeconds(number("postilion.smtp.timeout", null, SmtpSettings.IDLE_TIMEOUT.toSeconds(),
                        Long::valueOf)),
                number("postilion.smtp.hard-error-limit", null, SmtpSettings.HARD_ERROR_LIMIT, Integer::valueOf));
    }

    private static String string(String property, String configured, String fallback) {
        String v = System.getProperty(property);
        if (v != null && !v.isBlank()) {
            return v.strip();
        }
        return configured != null && !configured.isBlank() ? configured.strip() : fallback;
    }

    private static <N extends Number> N number(String property, N configured, N fallback, Function<String, N> parse) {
        String v = System.getProperty(property);
        if (v != null && !v.isBlank()) {
            try {
                return parse.apply(v.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("system property " + property + " is not a number: " + v, e);
            }
        }
        return configured != null ? configured : fallback;
    }
}
