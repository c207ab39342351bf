package org.postilion.connector.smtp;

import org.postilion.connector.spi.SessionInfo;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The state of one SMTP connection. Connection scope: the client, its HELO name, its error count. Transaction
 * scope: the {@link SmtpTransaction} between MAIL and the end of DATA, which RSET and HELO/EHLO discard.
 *
 * <p>Not thread-safe: a session is used from its connection's event loop only. Backend answers arrive on
 * other threads; {@link #resume} brings them back to the session's executor before they touch the state.
 */
public final class SmtpSession {

    private final SmtpSettings settings;
    private final SmtpBackend backend;
    private final Executor executor;
    private final String listener;
    private final String clientAddress;

    private String heloName;
    private boolean extended;
    private int errors;
    private SmtpTransaction transaction;

    private boolean dataRequested;
    private boolean closeRequested;

    /**
     * @param executor runs continuations on the session's thread (the connection's event loop)
     * @param listener the listener's name, such as {@code smtp}
     */
    public SmtpSession(SmtpSettings settings, SmtpBackend backend, Executor executor, String listener,
                       String clientAddress) {
        this.settings = settings;
        this.backend = backend;
        this.executor = executor;
        this.listener = listener;
        this.clientAddress = clientAddress;
    }

    public SmtpSettings settings() {
        return settings;
    }

    public SmtpBackend backend() {
        return backend;
    }

    public String hostname() {
        return settings.hostname();
    }

    public String clientAddress() {
        return clientAddress;
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

    /** Ends the transaction, if any: RSET, the end of DATA, a new greeting. */
    public void reset() {
        transaction = null;
    }

    /** The RFC 3848 transmission type for {@code Received:}: SMTP or ESMTP, with S for TLS and A for AUTH. */
    public String protocol() {
        return extended ? "ESMTP" : "SMTP";
    }

    public SessionInfo info() {
        return new SessionInfo(listener, clientAddress, heloName, null, null);
    }

    /** Counts a failed command; returns whether the session has now made too many. */
    public boolean countError() {
        return ++errors >= settings.hardErrorLimit();
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

    /** A reply known at once. */
    public static CompletionStage<SmtpReply> reply(SmtpReply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
