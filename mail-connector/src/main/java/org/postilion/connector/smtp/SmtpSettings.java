package org.postilion.connector.smtp;

import java.time.Duration;
import java.util.Objects;

/**
 * What one SMTP listener is and its limits. Three profiles, as Postfix's master.cf has them: the MX
 * ({@link #mx}, port 25), submission with STARTTLS ({@link #submission}, RFC 6409, port 587) and submission
 * over implicit TLS ({@link #submissions}, RFC 8314, port 465). Defaults are Postfix's, named after its
 * parameters in the accessors' comments.
 */
public final class SmtpSettings {

    /** How TLS is used on the listener. */
    public enum TlsMode {
        /** clear text only */
        NONE,
        /** clear text, upgraded by STARTTLS (RFC 3207) */
        STARTTLS,
        /** TLS from the first byte (RFC 8314) */
        IMPLICIT
    }

    public static final int LINE_LENGTH_LIMIT = 2048;
    public static final long MESSAGE_SIZE_LIMIT = 10_240_000;
    public static final int RECIPIENT_LIMIT = 1000;
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(300);
    public static final int HARD_ERROR_LIMIT = 20;
    public static final int SOFT_ERROR_LIMIT = 10;
    public static final Duration ERROR_DELAY = Duration.ofSeconds(1);
    public static final int JUNK_COMMAND_LIMIT = 100;
    public static final Duration AUTH_FAILURE_DELAY = Duration.ofSeconds(1);
    public static final int AUTH_FAILURES_PER_SESSION = 3;
    public static final int MAX_CONNECTIONS = 1000;
    public static final int MAX_CONNECTIONS_PER_CLIENT = 50;

    private final String hostname;
    private final String listener;
    private final boolean submission;
    private final TlsMode tlsMode;
    private final boolean authOffered;
    private final boolean authRequiresTls;
    private final boolean plaintextAuthOnLoopback;
    private final int lineLengthLimit;
    private final long messageSizeLimit;
    private final int recipientLimit;
    private final Duration idleTimeout;
    private final int hardErrorLimit;
    private final int softErrorLimit;
    private final Duration errorDelay;
    private final int junkCommandLimit;
    private final Duration authFailureDelay;
    private final int authFailuresPerSession;
    private final int maxConnections;
    private final int maxConnectionsPerClient;

    private SmtpSettings(Builder b) {
        if (b.lineLengthLimit < 512) {
            throw new IllegalArgumentException("line length limit below 512 (RFC 5321 section 4.5.3.1.4)");
        }
        if (b.messageSizeLimit < 65536 || b.recipientLimit < 1 || b.hardErrorLimit < 1 || b.softErrorLimit < 1
                || b.junkCommandLimit < 1 || b.authFailuresPerSession < 1 || b.maxConnections < 1
                || b.maxConnectionsPerClient < 1 || b.idleTimeout.isNegative() || b.errorDelay.isNegative()
                || b.authFailureDelay.isNegative()) {
            throw new IllegalArgumentException("SMTP limits out of range");
        }
        this.hostname = Objects.requireNonNull(b.hostname, "hostname");
        this.listener = Objects.requireNonNull(b.listener, "listener");
        this.submission = b.submission;
        this.tlsMode = b.tlsMode;
        this.authOffered = b.authOffered;
        this.authRequiresTls = b.authRequiresTls;
        this.plaintextAuthOnLoopback = b.plaintextAuthOnLoopback;
        this.lineLengthLimit = b.lineLengthLimit;
        this.messageSizeLimit = b.messageSizeLimit;
        this.recipientLimit = b.recipientLimit;
        this.idleTimeout = b.idleTimeout;
        this.hardErrorLimit = b.hardErrorLimit;
        this.softErrorLimit = b.softErrorLimit;
        this.errorDelay = b.errorDelay;
        this.junkCommandLimit = b.junkCommandLimit;
        this.authFailureDelay = b.authFailureDelay;
        this.authFailuresPerSession = b.authFailuresPerSession;
        this.maxConnections = b.maxConnections;
        this.maxConnectionsPerClient = b.maxConnectionsPerClient;
    }

    /** The MX (port 25): mail for hosted domains from anyone; STARTTLS; no AUTH. */
    public static Builder mx(String hostname) {
        return new Builder(hostname, "smtp").tlsMode(TlsMode.STARTTLS);
    }

    /** Message submission (RFC 6409, port 587): STARTTLS, and AUTH before MAIL. */
    public static Builder submission(String hostname) {
        return new Builder(hostname, "submission").submission(true).tlsMode(TlsMode.STARTTLS).authOffered(true);
    }

    /** Message submission over implicit TLS (RFC 8314, port 465). */
    public static Builder submissions(String hostname) {
        return new Builder(hostname, "submissions").submission(true).tlsMode(TlsMode.IMPLICIT).authOffered(true);
    }

    /** An MX without TLS, with Postfix's limits: what the protocol tests start from. */
    public static SmtpSettings defaults(String hostname) {
        return new Builder(hostname, "smtp").build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(hostname, listener);
        b.submission = submission;
        b.tlsMode = tlsMode;
        b.authOffered = authOffered;
        b.authRequiresTls = authRequiresTls;
        b.plaintextAuthOnLoopback = plaintextAuthOnLoopback;
        b.lineLengthLimit = lineLengthLimit;
        b.messageSizeLimit = messageSizeLimit;
        b.recipientLimit = recipientLimit;
        b.idleTimeout = idleTimeout;
        b.hardErrorLimit = hardErrorLimit;
        b.softErrorLimit = softErrorLimit;
        b.errorDelay = errorDelay;
        b.junkCommandLimit = junkCommandLimit;
        b.authFailureDelay = authFailureDelay;
        b.authFailuresPerSession = authFailuresPerSession;
        b.maxConnections = maxConnections;
        b.maxConnectionsPerClient = maxConnectionsPerClient;
        return b;
    }

    /** The name the server gives in its greeting, EHLO reply and {@code Received:} lines [myhostname]. */
    public String hostname() {
        return hostname;
    }

    /** The listener's name: {@code smtp}, {@code submission} or {@code submissions}. */
    public String listener() {
        return listener;
    }

    /** Whether this is a submission service: AUTH before MAIL, senders must be the user's own. */
    public boolean submission() {
        return submission;
    }

    public TlsMode tlsMode() {
        return tlsMode;
    }

    /** Whether AUTH is offered at all [smtpd_sasl_auth_enable]. */
    public boolean authOffered() {
        return authOffered;
    }

    /** Whether AUTH needs TLS first [smtpd_tls_auth_only, yes]. */
    public boolean authRequiresTls() {
        return authRequiresTls;
    }

    /** Whether a client on a loopback address may AUTH without TLS (local scripts and tests). */
    public boolean plaintextAuthOnLoopback() {
        return plaintextAuthOnLoopback;
    }

    /** Longest command line in octets, without CRLF [line_length_limit, 2048]. */
    public int lineLengthLimit() {
        return lineLengthLimit;
    }

    /** Largest message in octets [message_size_limit, 10240000]. */
    public long messageSizeLimit() {
        return messageSizeLimit;
    }

    /** Most recipients per message [smtpd_recipient_limit, 1000]. */
    public int recipientLimit() {
        return recipientLimit;
    }

    /** Longest wait for the client to send [smtpd_timeout, 300 s]. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Errors in a session before it is closed [smtpd_hard_error_limit, 20]. */
    public int hardErrorLimit() {
        return hardErrorLimit;
    }

    /** Errors in a session after which every error reply is delayed [smtpd_soft_error_limit, 10]. */
    public int softErrorLimit() {
        return softErrorLimit;
    }

    /** The delay of an error reply past the soft limit [smtpd_error_sleep_time, 1 s]. */
    public Duration errorDelay() {
        return errorDelay;
    }

    /** NOOP, RSET, VRFY and HELP commands per session [smtpd_junk_command_limit, 100]. */
    public int junkCommandLimit() {
        return junkCommandLimit;
    }

    /** The delay of every failed AUTH reply (1 s). */
    public Duration authFailureDelay() {
        return authFailureDelay;
    }

    /** Failed AUTH commands before the session is closed (3). */
    public int authFailuresPerSession() {
        return authFailuresPerSession;
    }

    /** Connections the listener serves at once [default_process_limit, here 1000]. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Connections one client address may hold at once [smtpd_client_connection_count_limit, 50]. */
    public int maxConnectionsPerClient() {
        return maxConnectionsPerClient;
    }

    /** Builds settings; every value starts at its default. */
    public static final class Builder {
        private String hostname;
        private String listener;
        private boolean submission;
        private TlsMode tlsMode = TlsMode.NONE;
        private boolean authOffered;
        private boolean authRequiresTls = true;
        private boolean plaintextAuthOnLoopback = true;
        private int lineLengthLimit = LINE_LENGTH_LIMIT;
        private long messageSizeLimit = MESSAGE_SIZE_LIMIT;
        private int recipientLimit = RECIPIENT_LIMIT;
        private Duration idleTimeout = IDLE_TIMEOUT;
        private int hardErrorLimit = HARD_ERROR_LIMIT;
        private int softErrorLimit = SOFT_ERROR_LIMIT;
        private Duration errorDelay = ERROR_DELAY;
        private int junkCommandLimit = JUNK_COMMAND_LIMIT;
        private Duration authFailureDelay = AUTH_FAILURE_DELAY;
        private int authFailuresPerSession = AUTH_FAILURES_PER_SESSION;
        private int maxConnections = MAX_CONNECTIONS;
        private int maxConnectionsPerClient = MAX_CONNECTIONS_PER_CLIENT;

        private Builder(String hostname, String listener) {
            this.hostname = hostname;
            this.listener = listener;
        }

        public Builder hostname(String v) {
            hostname = v;
            return this;
        }

        public Builder listener(String v) {
            listener = v;
            return this;
        }

        public Builder submission(boolean v) {
            submission = v;
            return this;
        }

        public Builder tlsMode(TlsMode v) {
            tlsMode = Objects.requireNonNull(v);
            return this;
        }

        public Builder authOffered(boolean v) {
            authOffered = v;
            return this;
        }

        public Builder authRequiresTls(boolean v) {
            authRequiresTls = v;
            return this;
        }

        public Builder plaintextAuthOnLoopback(boolean v) {
            plaintextAuthOnLoopback = v;
            return this;
        }

        public Builder lineLengthLimit(int v) {
            lineLengthLimit = v;
            return this;
        }

        public Builder messageSizeLimit(long v) {
            messageSizeLimit = v;
            return this;
        }

        public Builder recipientLimit(int v) {
            recipientLimit = v;
            return this;
        }

        public Builder idleTimeout(Duration v) {
            idleTimeout = v;
            return this;
        }

        public Builder hardErrorLimit(int v) {
            hardErrorLimit = v;
            return this;
        }

        public Builder softErrorLimit(int v) {
            softErrorLimit = v;
            return this;
        }

        public Builder errorDelay(Duration v) {
            errorDelay = v;
            return this;
        }

        public Builder junkCommandLimit(int v) {
            junkCommandLimit = v;
            return this;
        }

        public Builder authFailureDelay(Duration v) {
            authFailureDelay = v;
            return this;
        }

        public Builder authFailuresPerSession(int v) {
            authFailuresPerSession = v;
            return this;
        }

        public Builder maxConnections(int v) {
            maxConnections = v;
            return this;
        }

        public Builder maxConnectionsPerClient(int v) {
            maxConnectionsPerClient = v;
            return this;
        }

        public SmtpSettings build() {
            return new SmtpSettings(this);
        }
    }
}
