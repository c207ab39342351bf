package org.postilion.connector.imap;

import java.time.Duration;
import java.util.Objects;

/**
 * What one IMAP listener is and its limits. Two profiles: {@link #imap} (port 143, clear text upgraded by
 * STARTTLS, RFC 9051 section 6.2.1) and {@link #imaps} (port 993, implicit TLS, RFC 8314). Defaults follow
 * Dovecot's, named after its settings in the accessors' comments.
 *
 * <p>LIMITS (defaults): command line 65536 octets without literals [imap_max_line_length, 64k]; list nesting
 * 16; 10000 arguments per command; a literal of a command other than APPEND 65536 octets and all literals of
 * such a command together 1 MiB; an APPEND message 64 MiB [APPENDLIMIT]; APPEND literals kept in memory up to
 * 1 MiB per command, beyond that spooled to a temporary file; idle time 60 s before login
 * [login_trusted_networks aside, Dovecot's auth timeout] and 30 min after (RFC 9051 section 5.4); IDLE polls
 * the store every 30 s besides the change signals; 3 failed logins per session; 1 s delay after each.
 */
public final class ImapSettings {

    /** How TLS is used on the listener. */
    public enum TlsMode {
        /** clear text only (tests, local tools) */
        NONE,
        /** clear text, upgraded by STARTTLS */
        STARTTLS,
        /** TLS from the first byte */
        IMPLICIT
    }

    public static final int LINE_LENGTH_LIMIT = 64 * 1024;
    public static final int NESTING_LIMIT = 16;
    public static final int ARGUMENT_LIMIT = 10_000;
    public static final int LITERAL_LIMIT = 64 * 1024;
    public static final int COMMAND_LITERALS_LIMIT = 1024 * 1024;
    public static final long APPEND_LIMIT = 64L * 1024 * 1024;
    public static final int SPOOL_THRESHOLD = 1024 * 1024;
    public static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(30);
    public static final int AUTH_FAILURES_PER_SESSION = 3;
    public static final Duration AUTH_FAILURE_DELAY = Duration.ofSeconds(1);
    public static final int MAX_CONNECTIONS = 10_000;
    public static final int MAX_CONNECTIONS_PER_CLIENT = 100;

    private final String hostname;
    private final String listener;
    private final TlsMode tlsMode;
    private final boolean plaintextAuthOnLoopback;
    private final boolean literalPlus;
    private final int lineLengthLimit;
    private final int nestingLimit;
    private final int argumentLimit;
    private final int literalLimit;
    private final int commandLiteralsLimit;
    private final long appendLimit;
    private final int spoolThreshold;
    private final Duration loginTimeout;
    private final Duration idleTimeout;
    private final Duration pollInterval;
    private final int authFailuresPerSession;
    private final Duration authFailureDelay;
    private final int maxConnections;
    private final int maxConnectionsPerClient;

    private ImapSettings(Builder b) {
        if (b.lineLengthLimit < 1024 || b.nestingLimit < 2 || b.argumentLimit < 16 || b.literalLimit < 1024
                || b.commandLiteralsLimit < b.literalLimit || b.appendLimit < 1024 || b.spoolThreshold < 0
                || b.authFailuresPerSession < 1 || b.maxConnections < 1 || b.maxConnectionsPerClient < 1
                || b.loginTimeout.isNegative() || b.loginTimeout.isZero() || b.idleTimeout.isNegative()
                || b.idleTimeout.isZero() || b.pollInterval.isNegative() || b.pollInterval.isZero()
                || b.authFailureDelay.isNegative()) {
            throw new IllegalArgumentException("IMAP limits out of range");
        }
        this.hostname = Objects.requireNonNull(b.hostname, "hostname");
        this.listener = Objects.requireNonNull(b.listener, "listener");
        this.tlsMode = b.tlsMode;
        this.plaintextAuthOnLoopback = b.plaintextAuthOnLoopback;
        this.literalPlus = b.literalPlus;
        this.lineLengthLimit = b.lineLengthLimit;
        this.nestingLimit = b.nestingLimit;
        this.argumentLimit = b.argumentLimit;
        this.literalLimit = b.literalLimit;
        this.commandLiteralsLimit = b.commandLiteralsLimit;
        this.appendLimit = b.appendLimit;
        this.spoolThreshold = b.spoolThreshold;
        this.loginTimeout = b.loginTimeout;
        this.idleTimeout = b.idleTimeout;
        this.pollInterval = b.pollInterval;
        this.authFailuresPerSession = b.authFailuresPerSession;
        this.authFailureDelay = b.authFailureDelay;
        this.maxConnections = b.maxConnections;
        this.maxConnectionsPerClient = b.maxConnectionsPerClient;
    }

    /** IMAP with STARTTLS (port 143). */
    public static Builder imap(String hostname) {
        return new Builder(hostname, "imap").tlsMode(TlsMode.STARTTLS);
    }

    /** IMAP over implicit TLS (port 993). */
    public static Builder imaps(String hostname) {
        return new Builder(hostname, "imaps").tlsMode(TlsMode.IMPLICIT);
    }

    /** A clear-text listener with the default limits: what the protocol tests start from. */
    public static ImapSettings defaults(String hostname) {
        return new Builder(hostname, "imap").build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(hostname, listener);
        b.tlsMode = tlsMode;
        b.plaintextAuthOnLoopback = plaintextAuthOnLoopback;
        b.literalPlus = literalPlus;
        b.lineLengthLimit = lineLengthLimit;
        b.nestingLimit = nestingLimit;
        b.argumentLimit = argumentLimit;
        b.literalLimit = literalLimit;
        b.commandLiteralsLimit = commandLiteralsLimit;
        b.appendLimit = appendLimit;
        b.spoolThreshold = spoolThreshold;
        b.loginTimeout = loginTimeout;
        b.idleTimeout = idleTimeout;
        b.pollInterval = pollInterval;
        b.authFailuresPerSession = authFailuresPerSession;
        b.authFailureDelay = authFailureDelay;
        b.maxConnections = maxConnections;
        b.maxConnectionsPerClient = maxConnectionsPerClient;
        return b;
    }

    public String hostname() {
        return hostname;
    }

    /** {@code imap} or {@code imaps}. */
    public String listener() {
        return listener;
    }

    public TlsMode tlsMode() {
        return tlsMode;
    }

    /** Whether a loopback client may LOGIN or AUTHENTICATE PLAIN without TLS [postilion.auth.plaintext-on-loopback]. */
    public boolean plaintextAuthOnLoopback() {
        return plaintextAuthOnLoopback;
    }

    /** LITERAL+ (RFC 7888) when true, else LITERAL-: non-synchronizing literals only up to 4096 octets. */
    public boolean literalPlus() {
        return literalPlus;
    }

    /** Longest command line in octets, literals excluded, CRLF included [imap_max_line_length, 64k]. */
    public int lineLengthLimit() {
        return lineLengthLimit;
    }

    /** Deepest nesting of parenthesised lists (16). */
    public int nestingLimit() {
        return nestingLimit;
    }

    /** Most arguments in one command, those inside lists counted (10000). */
    public int argumentLimit() {
        return argumentLimit;
    }

    /** Largest literal of a command other than APPEND: a name, a search string (65536). */
    public int literalLimit() {
        return literalLimit;
    }

    /** All literals of one command other than APPEND together (1 MiB). */
    public int commandLiteralsLimit() {
        return commandLiteralsLimit;
    }

    /** Largest message APPEND takes, advertised as APPENDLIMIT (RFC 7889) [64 MiB]. */
    public long appendLimit() {
        return appendLimit;
    }

    /** APPEND literals of one command kept in memory up to this many octets; the rest go to a temp file (1 MiB). */
    public int spoolThreshold() {
        return spoolThreshold;
    }

    /** Idle time allowed before login (60 s). */
    public Duration loginTimeout() {
        return loginTimeout;
    }

    /** Idle time allowed after login, IDLE included (30 min, RFC 9051 section 5.4). */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** How often an IDLE session asks the store for changes when no signal came (30 s). */
    public Duration pollInterval() {
        return pollInterval;
    }

    public int authFailuresPerSession() {
        return authFailuresPerSession;
    }

    public Duration authFailureDelay() {
        return authFailureDelay;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public int maxConnectionsPerClient() {
        return maxConnectionsPerClient;
    }

    /** Builds settings; every value starts at its default. */
    public static final class Builder {
        private String hostname;
        private String listener;
        private TlsMode tlsMode = TlsMode.NONE;
        private boolean plaintextAuthOnLoopback = true;
        private boolean literalPlus = true;
        private int lineLengthLimit = LINE_LENGTH_LIMIT;
        private int nestingLimit = NESTING_LIMIT;
        private int argumentLimit = ARGUMENT_LIMIT;
        private int literalLimit = LITERAL_LIMIT;
        private int commandLiteralsLimit = COMMAND_LITERALS_LIMIT;
        private long appendLimit = APPEND_LIMIT;
        private int spoolThreshold = SPOOL_THRESHOLD;
        private Duration loginTimeout = LOGIN_TIMEOUT;
        private Duration idleTimeout = IDLE_TIMEOUT;
        private Duration pollInterval = POLL_INTERVAL;
        private int authFailuresPerSession = AUTH_FAILURES_PER_SESSION;
        private Duration authFailureDelay = AUTH_FAILURE_DELAY;
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

        public Builder tlsMode(TlsMode v) {
            tlsMode = Objects.requireNonNull(v);
            return this;
        }

        public Builder plaintextAuthOnLoopback(boolean v) {
            plaintextAuthOnLoopback = v;
            return this;
        }

        public Builder literalPlus(boolean v) {
            literalPlus = v;
            return this;
        }

        public Builder lineLengthLimit(int v) {
            lineLengthLimit = v;
            return this;
        }

        public Builder nestingLimit(int v) {
            nestingLimit = v;
            return this;
        }

        public Builder argumentLimit(int v) {
            argumentLimit = v;
            return this;
        }

        public Builder literalLimit(int v) {
            literalLimit = v;
            return this;
        }

        public Builder commandLiteralsLimit(int v) {
            commandLiteralsLimit = v;
            return this;
        }

        public Builder appendLimit(long v) {
            appendLimit = v;
            return this;
        }

        public Builder spoolThreshold(int v) {
            spoolThreshold = v;
            return this;
        }

        public Builder loginTimeout(Duration v) {
            loginTimeout = v;
            return this;
        }

        public Builder idleTimeout(Duration v) {
            idleTimeout = v;
            return this;
        }

        public Builder pollInterval(Duration v) {
            pollInterval = v;
            return this;
        }

        public Builder authFailuresPerSession(int v) {
            authFailuresPerSession = v;
            return this;
        }

        public Builder authFailureDelay(Duration v) {
            authFailureDelay = v;
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

        public ImapSettings build() {
            return new ImapSettings(this);
        }
    }
}
