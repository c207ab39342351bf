package org.postilion.connector.imap;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.EventExecutor;
import org.postilion.connector.imap.encode.ImapStrings;
import org.postilion.connector.imap.response.Tagged;
import org.postilion.connector.sasl.SaslMechanisms;
import org.postilion.connector.spi.AuthThrottle;
import org.postilion.connector.spi.SessionInfo;
import org.postilion.connector.spi.imap.MailboxException;
import org.postilion.connector.spi.imap.SystemFlags;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The state of one IMAP connection: who is logged in, what is enabled, the selected mailbox's view, and the
 * way out to the client. Confined to the connection's event loop: every method is called there, and
 * {@link #store} hands the store's answers back to it, so that handlers never race each other or the
 * connection (as Dovecot's single-threaded client does).
 *
 * <p>Scope: connection (user, enabled extensions, TLS, compression) and selection ({@link SelectedMailbox},
 * the saved search result), the latter reset by SELECT, EXAMINE, CLOSE and UNSELECT.
 */
public final class ImapSession {

    /** Extensions a client can ENABLE (RFC 5161). */
    public enum Extension { IMAP4REV2, CONDSTORE, QRESYNC, UTF8_ACCEPT }

    private final ImapSettings settings;
    private final ImapBackend backend;
    private final AuthThrottle throttle;
    private final ImapSignalHub signals;
    private final ChannelHandlerContext ctx;
    private final String clientAddress;
    private final boolean loopback;
    private final List<String> commandCapabilities;

    private ImapState state = ImapState.NOT_AUTHENTICATED;
    private String user;
    private boolean tls;
    private String tlsDescription;
    private boolean compressed;
    private final java.util.EnumSet<Extension> enabled = java.util.EnumSet.noneOf(Extension.class);
    private SelectedMailbox selected;
    private long[] savedResult = new long[0];
    private int authFailures;

    private boolean startTlsRequested;
    private boolean compressRequested;
    private boolean closeRequested;
    private Consumer<String> lineReader;
    private CompletableFuture<Void> writable;
    private Runnable idleWake;
    private Runnable inputWanted;

    /** @param commandCapabilities what the registered commands add (SEARCH's ESEARCH, ...) */
    ImapSession(ImapSettings settings, ImapBackend backend, AuthThrottle throttle, ImapSignalHub signals,
                ChannelHandlerContext ctx, String clientAddress, boolean implicitTls,
                List<String> commandCapabilities) {
        this.commandCapabilities = List.copyOf(commandCapabilities);
        this.settings = settings;
        this.backend = backend;
        this.throttle = throttle;
        this.signals = signals;
        this.ctx = ctx;
        this.clientAddress = clientAddress;
        this.loopback = isLoopback(clientAddress);
        this.tls = implicitTls;
    }

    public ImapSettings settings() {
        return settings;
    }

    public ImapBackend backend() {
        return backend;
    }

    public AuthThrottle throttle() {
        return throttle;
    }

    public ImapSignalHub signals() {
        return signals;
    }

    public String clientAddress() {
        return clientAddress;
    }

    public ImapState state() {
        return state;
    }

    public String user() {
        return user;
    }

    public boolean isTls() {
        return tls;
    }

    void tlsEstablished(String description) {
        tls = true;
        tlsDescription = description;
    }

    public boolean isCompressed() {
        return compressed;
    }

    /** Whether STARTTLS can be offered: the listener has TLS and the connection does not use it yet. */
    public boolean startTlsOffered() {
        return settings.tlsMode() == ImapSettings.TlsMode.STARTTLS && !tls;
    }

    /** Whether passwords may be sent now: over TLS, or from loopback where that is allowed (else LOGINDISABLED). */
    public boolean plaintextAuthAllowed() {
        return tls || (loopback && settings.plaintextAuthOnLoopback());
    }

    public SessionInfo info() {
        return new SessionInfo(settings.hostname(), settings.listener(), false, clientAddress, null, tlsDescription,
                user);
    }

    /** Logs the user in: the state becomes AUTHENTICATED and the idle timeout the longer one. */
    public void loggedIn(String canonicalUser) {
        user = canonicalUser;
        state = ImapState.AUTHENTICATED;
    }

    /** Counts a failed login; true when the session has failed too often and must end. */
    public boolean countAuthFailure() {
        return ++authFailures >= settings.authFailuresPerSession();
    }

    public boolean isEnabled(Extension e) {
        return enabled.contains(e);
    }

    /** Enables an extension; false when it already was. */
    public boolean enable(Extension e) {
        return enabled.add(e);
    }

    public boolean rev2() {
        return enabled.contains(Extension.IMAP4REV2);
    }

    /** Whether strings and mailbox names are UTF-8 on the wire (UTF8=ACCEPT or IMAP4rev2). */
    public boolean utf8() {
        return enabled.contains(Extension.UTF8_ACCEPT) || enabled.contains(Extension.IMAP4REV2);
    }

    public boolean condstore() {
        return enabled.contains(Extension.CONDSTORE) || enabled.contains(Extension.QRESYNC);
    }

    public boolean qresync() {
        return enabled.contains(Extension.QRESYNC);
    }

    public SelectedMailbox selected() {
        return selected;
    }

    public void select(SelectedMailbox mailbox) {
        deselect();
        selected = mailbox;
        state = ImapState.SELECTED;
        signals.register(mailbox.mailboxId(), this);
    }

    public void deselect() {
        if (selected != null) {
            signals.unregister(selected.mailboxId(), this);
            selected = null;
            savedResult = new long[0];
        }
        if (state == ImapState.SELECTED) {
            state = ImapState.AUTHENTICATED;
        }
    }

    /** SEARCHRES's {@code $} (RFC 5182): UIDs. */
    public long[] savedResult() {
        return savedResult.clone();
    }

    public void saveResult(long[] uids) {
        savedResult = uids.clone();
    }

    public void logout() {
        deselect();
        state = ImapState.LOGOUT;
        closeRequested = true;
    }

    // ---- output -----------------------------------------------------------------------------------------

    /** Writes an untagged response ({@code * } + text + CRLF). */
    public void untagged(String text) {
        write("* " + text + "\r\n");
    }

    /** Writes a continuation request ({@code + } + text + CRLF) and flushes it: the client waits for it. */
    public void continuation(String text) {
        write("+ " + text + "\r\n");
        ctx.flush();
    }

    public void write(String text) {
        ctx.write(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    public void write(ByteBuf bytes) {
        ctx.write(bytes);
    }

    public void flush() {
        ctx.flush();
    }

    /** Completes when the connection takes more output (Netty's writability), at once if it does now. */
    public CompletionStage<Void> whenWritable() {
        if (ctx.channel().isWritable() || !ctx.channel().isActive()) {
            return CompletableFuture.completedFuture(null);
        }
        if (writable == null) {
            writable = new CompletableFuture<>();
        }
        CompletableFuture<Void> w = writable;
        // the flush may drain the buffer at once and announce writability before it returns
        ctx.flush();
        writabilityChanged();
        return w;
    }

    void writabilityChanged() {
        if (writable != null && (ctx.channel().isWritable() || !ctx.channel().isActive())) {
            CompletableFuture<Void> w = writable;
            writable = null;
            w.complete(null);
        }
    }

    /**
     * Closes the connection at once, without a response: for when the output can no longer be well-formed (a
     * literal whose promised octets cannot be read).
     */
    public void closeNow() {
        closeRequested = true;
        ctx.close();
    }

    public boolean isActive() {
        return ctx.channel().isActive();
    }

    public EventExecutor executor() {
        return ctx.executor();
    }

    /**
     * Calls the store; the stage completes on this session's event loop, with the store's
     * {@link MailboxException} or a {@link StoreFailure} when it fails.
     */
    public <T> CompletionStage<T> store(ImapBackend.StoreCall<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletionStage<T> stage;
        try {
            stage = backend.store(call);
        } catch (RuntimeException e) {
            result.completeExceptionally(new StoreFailure(e));
            return result;
        }
        stage.whenComplete((v, e) -> ctx.executor().execute(() -> {
            if (e == null) {
                result.complete(v);
            } else {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                result.completeExceptionally(cause instanceof MailboxException ? cause : new StoreFailure(cause));
            }
        }));
        return result;
    }

    /** The store failed (not a refusal): answered {@code NO [UNAVAILABLE]}. */
    public static final class StoreFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreFailure(Throwable cause) {
            super(cause.toString(), cause);
        }
    }

    /** The untagged response, or tagged answer, for a failed store call. */
    public static Tagged failure(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof MailboxException m) {
            return Tagged.refused(m);
        }
        if (cause instanceof IllegalArgumentException bad) {
            return Tagged.bad(bad.getMessage());
        }
        return Tagged.UNAVAILABLE;
    }

    // ---- requests to the connection ---------------------------------------------------------------------

    public void requestStartTls() {
        startTlsRequested = true;
    }

    boolean takeStartTlsRequest() {
        boolean r = startTlsRequested;
        startTlsRequested = false;
        return r;
    }

    public void requestCompress() {
        compressRequested = true;
    }

    boolean takeCompressRequest() {
        boolean r = compressRequested;
        compressRequested = false;
        if (r) {
            compressed = true;
        }
        return r;
    }

    public void requestClose() {
        closeRequested = true;
    }

    boolean isCloseRequested() {
        return closeRequested;
    }

    /** The next line the client sends, raw, goes to {@code reader} (AUTHENTICATE responses, IDLE's DONE). */
    public void readLine(Consumer<String> reader) {
        lineReader = reader;
        if (inputWanted != null) {
            // reading may have stopped while the command waited: the line may even be here already
            ctx.executor().execute(inputWanted);
        }
    }

    /** What the connection does when a command wants input again (resume reading, use what is buffered). */
    void onInputWanted(Runnable r) {
        inputWanted = r;
    }

    Consumer<String> takeLineReader() {
        Consumer<String> r = lineReader;
        lineReader = null;
        return r;
    }

    boolean hasLineReader() {
        return lineReader != null;
    }

    /** While in IDLE: what a change signal does. */
    public void onWake(Runnable wake) {
        idleWake = wake;
    }

    /** A signal for the selected mailbox arrived (on the event loop). */
    void wake() {
        if (idleWake != null) {
            idleWake.run();
        }
    }

    // ---- capabilities -----------------------------------------------------------------------------------

    /** The capabilities as of now (RFC 9051 section 7.2.2): fewer before login, none that need TLS after it. */
    public String capabilities() {
        List<String> caps = new ArrayList<>(List.of("IMAP4rev1", "IMAP4rev2"));
        if (state == ImapState.NOT_AUTHENTICATED) {
            if (startTlsOffered()) {
                caps.add("STARTTLS");
            }
            if (!plaintextAuthAllowed()) {
                caps.add("LOGINDISABLED");
            }
            for (String m : SaslMechanisms.ADVERTISED) {
                if (m.equals("LOGIN")) {
                    continue;
                }
                if (plaintextAuthAllowed() || !m.equals("PLAIN")) {
                    caps.add("AUTH=" + m);
                }
            }
            caps.add("SASL-IR");
        }
        caps.add(settings.literalPlus() ? "LITERAL+" : "LITERAL-");
        caps.addAll(List.of("ID", "ENABLE", "IDLE", "NAMESPACE", "UNSELECT", "UIDPLUS", "MOVE"));
        caps.addAll(commandCapabilities);
        caps.addAll(List.of("CHILDREN",
                "LIST-EXTENDED", "LIST-STATUS", "SPECIAL-USE", "CREATE-SPECIAL-USE", "CONDSTORE", "QRESYNC",
                "QUOTA", "QUOTA=RES-STORAGE", "BINARY", "MULTIAPPEND", "APPENDLIMIT=" + settings.appendLimit(),
                "UTF8=ACCEPT", "STATUS=SIZE"));
        if (!compressed) {
            caps.add("COMPRESS=DEFLATE");
        }
        return String.join(" ", caps);
    }

    /** The flags of a message as a FETCH FLAGS list, with {@code \Recent} when it is recent in the session. */
    public static String flagList(int systemFlags, boolean recent, List<String> keywords) {
        List<String> all = new ArrayList<>(SystemFlags.names(systemFlags));
        if (recent) {
            all.add("\\Recent");
        }
        all.addAll(keywords);
        return "(" + String.join(" ", all) + ")";
    }

    /**
     * Whether this session takes part in {@code \Recent}: a read-write selection in an IMAP4rev1 session. An
     * IMAP4rev2 session (RFC 9051 dropped the flag) claims nothing, so it leaves the messages recent for the
     * next IMAP4rev1 session, and shows no RECENT and no {@code \Recent}.
     */
    public boolean claimsRecent() {
        return selected != null && !selected.readOnly() && !rev2();
    }

    /** A mailbox name as this client reads it. */
    public String mailboxName(String name) {
        return ImapStrings.mailbox(name, utf8());
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
