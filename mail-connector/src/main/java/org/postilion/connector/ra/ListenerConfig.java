package org.postilion.connector.ra;

import org.postilion.connector.imap.ImapSettings;
import org.postilion.connector.net.tls.TlsSettings;
import org.postilion.connector.smtp.SmtpSettings;
import org.postilion.connector.spi.AuthThrottle;
import org.postilion.connector.spi.Listeners;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * Resolves the connector's settings: a system property wins over the resource adapter's config property,
 * which wins over the default. A port of -1 turns a listener off.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>system property</th><th>default</th></tr>
 *   <tr><td>postilion.bind.address</td><td>jboss.bind.address, else 127.0.0.1</td></tr>
 *   <tr><td>postilion.hostname</td><td>jboss.qualified.host.name, else the local host name</td></tr>
 *   <tr><td>postilion.io-threads</td><td>2 per core</td></tr>
 *   <tr><td>postilion.smtp.port</td><td>2525 (production: 25)</td></tr>
 *   <tr><td>postilion.submission.port</td><td>2587 (production: 587)</td></tr>
 *   <tr><td>postilion.submissions.port</td><td>2465 (production: 465)</td></tr>
 *   <tr><td>postilion.smtp.auth</td><td>false: the MX offers no AUTH</td></tr>
 *   <tr><td>postilion.auth.plaintext-on-loopback</td><td>true: AUTH without TLS from 127.0.0.0/8 and ::1</td></tr>
 *   <tr><td>postilion.smtp.message-size-limit</td><td>10240000</td></tr>
 *   <tr><td>postilion.smtp.recipient-limit</td><td>1000</td></tr>
 *   <tr><td>postilion.smtp.line-length-limit</td><td>2048</td></tr>
 *   <tr><td>postilion.smtp.timeout</td><td>300 (seconds)</td></tr>
 *   <tr><td>postilion.smtp.hard-error-limit</td><td>20</td></tr>
 *   <tr><td>postilion.smtp.soft-error-limit</td><td>10</td></tr>
 *   <tr><td>postilion.smtp.error-delay</td><td>1000 (milliseconds)</td></tr>
 *   <tr><td>postilion.smtp.junk-command-limit</td><td>100</td></tr>
 *   <tr><td>postilion.smtp.max-connections</td><td>1000 per listener</td></tr>
 *   <tr><td>postilion.smtp.max-connections-per-client</td><td>50 per listener</td></tr>
 *   <tr><td>postilion.auth.failure-delay</td><td>1000 (milliseconds)</td></tr>
 *   <tr><td>postilion.auth.ip-failure-limit</td><td>10 in the window</td></tr>
 *   <tr><td>postilion.auth.user-failure-limit</td><td>100 in the window</td></tr>
 *   <tr><td>postilion.auth.failure-window</td><td>900 (seconds)</td></tr>
 *   <tr><td>postilion.imap.port</td><td>2143 (production: 143)</td></tr>
 *   <tr><td>postilion.imaps.port</td><td>2993 (production: 993)</td></tr>
 *   <tr><td>postilion.imap.line-length-limit</td><td>65536</td></tr>
 *   <tr><td>postilion.imap.literal-limit</td><td>65536 (a literal of a command other than APPEND)</td></tr>
 *   <tr><td>postilion.imap.append-limit</td><td>67108864 (APPENDLIMIT)</td></tr>
 *   <tr><td>postilion.imap.spool-threshold</td><td>1048576 (APPEND literals beyond go to a temporary file)</td></tr>
 *   <tr><td>postilion.imap.literal-plus</td><td>true: LITERAL+, else LITERAL-</td></tr>
 *   <tr><td>postilion.imap.login-timeout</td><td>60 (seconds)</td></tr>
 *   <tr><td>postilion.imap.timeout</td><td>1800 (seconds, after login)</td></tr>
 *   <tr><td>postilion.imap.poll-interval</td><td>30 (seconds, IDLE without change signals)</td></tr>
 *   <tr><td>postilion.imap.max-connections</td><td>10000 per listener</td></tr>
 *   <tr><td>postilion.imap.max-connections-per-client</td><td>100 per listener</td></tr>
 *   <tr><td>postilion.tls.*</td><td>see {@link TlsSettings}: a self-signed certificate under the data directory</td></tr>
 * </table>
 */
final class ListenerConfig {

    static final int DEFAULT_SMTP_PORT = Listeners.DEFAULT_SMTP_PORT;
    static final int DEFAULT_SUBMISSION_PORT = Listeners.DEFAULT_SUBMISSION_PORT;
    static final int DEFAULT_SUBMISSIONS_PORT = Listeners.DEFAULT_SUBMISSIONS_PORT;
    static final int DEFAULT_IMAP_PORT = Listeners.DEFAULT_IMAP_PORT;
    static final int DEFAULT_IMAPS_PORT = Listeners.DEFAULT_IMAPS_PORT;

    private final MailResourceAdapter ra;

    ListenerConfig(MailResourceAdapter ra) {
        this.ra = ra;
    }

    String bindAddress() {
        return string("postilion.bind.address", ra.getBindAddress(), System.getProperty("jboss.bind.address", "127.0.0.1"));
    }

    String hostname() {
        return string("postilion.hostname", ra.getHostname(), Listeners.defaultHostname());
    }

    int ioThreads() {
        return number("postilion.io-threads", null, 2 * Runtime.getRuntime().availableProcessors(), Integer::valueOf);
    }

    /** The listener's address, or null when its port is -1. */
    InetSocketAddress address(String listener, Integer configured, int fallback) {
        int port = number("postilion." + listener + ".port", configured, fallback, Integer::valueOf);
        return port < 0 ? null : new InetSocketAddress(bindAddress(), port);
    }

    TlsSettings tlsSettings() {
        String dataDir = System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir"));
        return TlsSettings.fromProperties(System::getProperty, hostname(), Path.of(dataDir, "postilion", "tls"));
    }

    AuthThrottle authThrottle() {
        return AuthThrottle.configured(System::getProperty);
    }

    /** The limits common to the SMTP listeners, applied to a profile. */
    SmtpSettings smtp(SmtpSettings.Builder profile) {
        return profile
                .hostname(hostname())
                .plaintextAuthOnLoopback(bool("postilion.auth.plaintext-on-loopback", true))
                .lineLengthLimit(number("postilion.smtp.line-length-limit", null, SmtpSettings.LINE_LENGTH_LIMIT,
                        Integer::valueOf))
                .messageSizeLimit(number("postilion.smtp.message-size-limit", ra.getMessageSizeLimit(),
                        SmtpSettings.MESSAGE_SIZE_LIMIT, Long::valueOf))
                .recipientLimit(number("postilion.smtp.recipient-limit", null, SmtpSettings.RECIPIENT_LIMIT,
                        Integer::valueOf))
                .idleTimeout(Duration.ofSeconds(number("postilion.smtp.timeout", null,
                        SmtpSettings.IDLE_TIMEOUT.toSeconds(), Long::valueOf)))
                .hardErrorLimit(number("postilion.smtp.hard-error-limit", null, SmtpSettings.HARD_ERROR_LIMIT,
                        Integer::valueOf))
                .softErrorLimit(number("postilion.smtp.soft-error-limit", null, SmtpSettings.SOFT_ERROR_LIMIT,
                        Integer::valueOf))
                .errorDelay(Duration.ofMillis(number("postilion.smtp.error-delay", null,
                        SmtpSettings.ERROR_DELAY.toMillis(), Long::valueOf)))
                .junkCommandLimit(number("postilion.smtp.junk-command-limit", null, SmtpSettings.JUNK_COMMAND_LIMIT,
                        Integer::valueOf))
                .maxConnections(number("postilion.smtp.max-connections", null, SmtpSettings.MAX_CONNECTIONS,
                        Integer::valueOf))
                .maxConnectionsPerClient(number("postilion.smtp.max-connections-per-client", null,
                        SmtpSettings.MAX_CONNECTIONS_PER_CLIENT, Integer::valueOf))
                .authFailureDelay(Duration.ofMillis(number("postilion.auth.failure-delay", null,
                        SmtpSettings.AUTH_FAILURE_DELAY.toMillis(), Long::valueOf)))
                .build();
    }

    /** The IMAP limits, applied to a profile (IMAP with STARTTLS, or IMAPS). */
    ImapSettings imap(ImapSettings.Builder profile) {
        return profile
                .hostname(hostname())
                .plaintextAuthOnLoopback(bool("postilion.auth.plaintext-on-loopback", true))
                .literalPlus(bool("postilion.imap.literal-plus", true))
                .lineLengthLimit(number("postilion.imap.line-length-limit", null, ImapSettings.LINE_LENGTH_LIMIT,
                        Integer::valueOf))
                .literalLimit(number("postilion.imap.literal-limit", null, ImapSettings.LITERAL_LIMIT, Integer::valueOf))
                .appendLimit(number("postilion.imap.append-limit", null, ImapSettings.APPEND_LIMIT, Long::valueOf))
                .spoolThreshold(number("postilion.imap.spool-threshold", null, ImapSettings.SPOOL_THRESHOLD,
                        Integer::valueOf))
                .loginTimeout(Duration.ofSeconds(number("postilion.imap.login-timeout", null,
                        ImapSettings.LOGIN_TIMEOUT.toSeconds(), Long::valueOf)))
                .idleTimeout(Duration.ofSeconds(number("postilion.imap.timeout", null,
                        ImapSettings.IDLE_TIMEOUT.toSeconds(), Long::valueOf)))
                .pollInterval(Duration.ofSeconds(number("postilion.imap.poll-interval", null,
                        ImapSettings.POLL_INTERVAL.toSeconds(), Long::valueOf)))
                .maxConnections(number("postilion.imap.max-connections", null, ImapSettings.MAX_CONNECTIONS,
                        Integer::valueOf))
                .maxConnectionsPerClient(number("postilion.imap.max-connections-per-client", null,
                        ImapSettings.MAX_CONNECTIONS_PER_CLIENT, Integer::valueOf))
                .authFailureDelay(Duration.ofMillis(number("postilion.auth.failure-delay", null,
                        ImapSettings.AUTH_FAILURE_DELAY.toMillis(), Long::valueOf)))
                .build();
    }

    /** Whether the MX offers AUTH (after TLS), for clients that relay through it with a password. */
    boolean mxAuth() {
        return bool("postilion.smtp.auth", false);
    }

    private static boolean bool(String property, boolean fallback) {
        String v = System.getProperty(property);
        return v == null || v.isBlank() ? fallback : Boolean.parseBoolean(v.strip());
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
