package org.postilion.connector.smtp;

import org.postilion.connector.spi.AuthThrottle;
import org.postilion.connector.spi.SessionInfo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The state of one SMTP connection.
 *
 * <p>Connection scope: the client, its HELO name, TLS, the authenticated user, the error counts. Transaction
 * scope: the {@link SmtpTransaction} between MAIL and the end of the data, which RSET and HELO/EHLO discard.
 * STARTTLS discards both the transaction and the HELO name (RFC 3207 section 4.2).
 *
 * <p>Not thread-safe: a session is used from its connection's event loop only. Backend answers arrive on
 * other threads; {@link #resume} brings them back to the session's executor before they touch the state.
 */
public final class SmtpSession {

    private final SmtpSettings settings;
    private final SmtpBackend backend;
    private final AuthThrottle throttle;
    private final ScheduledExecutorService executor;
    private final String clientAddress;
    private final boolean loopback;

    private String heloName;
    private boolean extended;
    private int errors;
    private int junkCommands;
    private int authFailures;
    private String tls;
    private String authenticatedUser;
    private SmtpTransaction transaction;
    private Function<String, CompletionStage<SmtpReply>> continuation;

    private boolean dataRequested;
    private boolean startTlsRequested;
    private boolean closeRequested;

    /**
     * @param executor runs continuations and delays on the session's thread (the connection's event loop)
     * @param clientAddress the client's IP address, textual
     */
    public SmtpSession(SmtpSettings settings, SmtpBackend backend, AuthThrottle throttle,
                       ScheduledExecutorService executor, String clientAddress) {
        this.settings = settings;
        this.backend = backend;
        this.throttle = throttle;
        this.executor = executor;
        this.clientAddress = clientAddress;
        this.loopback = isLoopback(clientAddress);
    }

    public SmtpSettings settings() {
        return settings;
    }

    public SmtpBackend backend() {
        return backend;
    }

    /** Failed authentications of this node, shared by all sessions. */
    public AuthThrottle throttle() {
        return throttle;
    }

    public String hostname() {
        return settings.hostname();
    }

    public String clientAddress() {
        return clientAddress;
    }

    /** Whether the client connects from a loopback address (127.0.0.0/8, ::1). */
    public boolean isLoopback() {
        return loopback;
    }

    /** The name given in HELO/EHLO, or null before the client greeted. */
    public String heloName() {
        return heloName;
    }

    /** Whether the client greeted with EHLO (and may use extensions). */
    public boolean isExtended() {
        return extended;
    }

    /** Records a HELO or EHLO; it ends any transaction (RFC 5321 section 4.1.4). */
    public void greeted(String name, boolean ehlo) {
        heloName = name;
        extended = ehlo;
        transaction = null;
    }

    public SmtpTransaction transaction() {
        return transaction;
    }

    public void begin(SmtpTransaction t) {
        transaction = t;
    }

    /** Ends the transaction, if any: RSET, the end of the data, a new greeting. */
    public void reset() {
        transaction = null;
    }

    // --- TLS -------------------------------------------------------------------------------------------------

    /** Whether the connection is encrypted. */
    public boolean isTls() {
        return tls != null;
    }

    /** The negotiated protocol and cipher, as a {@code Received:} comment shows them, or null. */
    public String tls() {
        return tls;
    }

    /** Whether STARTTLS may be offered now: the listener upgrades and the connection is still clear text. */
    public boolean canStartTls() {
        return settings.tlsMode() == SmtpSettings.TlsMode.STARTTLS && !isTls();
    }

    /** The client is to start TLS after the current reply. */
    public void requestStartTls() {
        startTlsRequested = true;
    }

    public boolean takeStartTlsRequest() {
        boolean r = startTlsRequested;
        startTlsRequested = false;
        return r;
    }

    /**
     * TLS is established: everything learnt before it is forgotten (RFC 3207 section 4.2), since an attacker
     * could have injected it. The client must greet again.
     */
    public void tlsEstablished(String description) {
        tls = description;
        heloName = null;
        extended = false;
        transaction = null;
        authenticatedUser = null;
        continuation = null;
    }

    // --- AUTH ------------------------------------------------------------------------------------------------

    /** The user the client authenticated as, or null. */
    public String authenticatedUser() {
        return authenticatedUser;
    }

    public boolean isAuthenticated() {
        return authenticatedUser != null;
    }

    public void authenticated(String user) {
        authenticatedUser = user;
    }

    /** Whether AUTH is offered on this listener at all. */
    public boolean authOffered() {
        return settings.authOffered();
    }

    /** Whether AUTH may be used now: TLS is on, or not required, or the client is on loopback and that is allowed. */
    public boolean authAllowedNow() {
        return settings.authOffered()
                && (isTls() || !settings.authRequiresTls() || (loopback && settings.plaintextAuthOnLoopback()));
    }

    /** Counts a failed AUTH; returns whether the session has now failed too often. */
    public boolean countAuthFailure() {
        return ++authFailures >= settings.authFailuresPerSession();
    }

    /** The handler of the next line, instead of a command (an AUTH exchange), or null. */
    public Function<String, CompletionStage<SmtpReply>> continuation() {
        return continuation;
    }

    public void continueWith(Function<String, CompletionStage<SmtpReply>> next) {
        continuation = next;
    }

    // --- the rest --------------------------------------------------------------------------------------------

    /** The RFC 3848 transmission type for {@code Received:}: SMTP or ESMTP, with S for TLS and A for AUTH. */
    public String protocol() {
        if (!extended) {
            return "SMTP";
        }
        return "ESMTP" + (isTls() ? "S" : "") + (isAuthenticated() ? "A" : "");
    }

    public SessionInfo info() {
        return new SessionInfo(settings.hostname(), settings.listener(), settings.submission(), clientAddress,
                heloName, tls, authenticatedUser);
    }

    /**
     * A message was queued: the error and junk-command counts start again, as Postfix counts them "without
     * delivering mail", so that a long session of good messages is not cut off by scattered mistakes.
     */
    public void messageQueued() {
        errors = 0;
        junkCommands = 0;
    }

    /** Counts a failed command; returns whether the session has now made too many. */
    public boolean countError() {
        return ++errors >= settings.hardErrorLimit();
    }

    /** Whether error replies are now to be delayed (past the soft limit). */
    public boolean pastSoftErrorLimit() {
        return errors >= settings.softErrorLimit();
    }

    /** Counts a NOOP, RSET, VRFY or HELP; returns whether the session has now sent too many. */
    public boolean countJunkCommand() {
        return ++junkCommands > settings.junkCommandLimit();
    }

    /** The client is to send message data next (after a 354). */
    public void requestData() {
        dataRequested = true;
    }

    /** Takes the request made by {@link #requestData()}, if any. */
    public boolean takeDataRequest() {
        boolean r = dataRequested;
        dataRequested = false;
        return r;
    }

    /** The connection is to be closed after the current reply. */
    public void requestClose() {
        closeRequested = true;
    }

    public boolean isCloseRequested() {
        return closeRequested;
    }

    /** Continues with {@code then} on the session's thread once {@code stage} completed. */
    public <T> CompletionStage<SmtpReply> resume(CompletionStage<T> stage, Function<T, SmtpReply> then) {
        return stage.thenApplyAsync(then, executor);
    }

    /** Continues with {@code then}, which answers later itself, on the session's thread. */
    public <T> CompletionStage<SmtpReply> resumeWith(CompletionStage<T> stage,
                                                     Function<T, CompletionStage<SmtpReply>> then) {
        return stage.thenComposeAsync(then, executor);
    }

    /** The reply, given after a delay (a tarpit for failed AUTH and for sessions past the soft error limit). */
    public CompletionStage<SmtpReply> delayed(SmtpReply reply, Duration delay) {
        if (delay.isZero()) {
            return reply(reply);
        }
        CompletableFuture<SmtpReply> later = new CompletableFuture<>();
        executor.schedule(() -> later.complete(reply), delay.toMillis(), TimeUnit.MILLISECONDS);
        return later;
    }

    /** A reply known at once. */
    public static CompletionStage<SmtpReply> reply(SmtpReply reply) {
        return CompletableFuture.completedFuture(reply);
    }

    private static boolean isLoopback(String address) {
        try {
            // a literal IP address: no name lookup happens
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
