package org.postilion.connector.smtp.transcript;

import org.postilion.connector.smtp.SmtpBackend;
import org.postilion.connector.spi.Envelope;
import org.postilion.connector.spi.IntakeVerdict;
import org.postilion.connector.spi.MailAddress;
import org.postilion.connector.spi.MessageContent;
import org.postilion.connector.spi.RcptVerdict;
import org.postilion.connector.spi.RecipientCheck;

import org.postilion.connector.spi.AuthVerdict;
import org.postilion.connector.spi.ScramCredentials;
import org.postilion.connector.spi.SenderCheck;
import org.postilion.connector.spi.SenderVerdict;
import org.postilion.connector.spi.SessionInfo;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The rest of the server, as the SMTP tests see it. One hosted domain, {@value #HOSTED}, with the users
 * {@code bob} and {@code alice}:
 * <ul>
 *   <li>bob or alice at {@value #HOSTED}: accepted (local)</li>
 *   <li>{@value #DISABLED_USER} at {@value #HOSTED}: {@code Reject(DISABLED)} (a disabled mailbox)</li>
 *   <li>anyone else at {@value #HOSTED}: {@code Reject(NO_SUCH_USER)}</li>
 *   <li>anyone at {@value #DOWN}: {@code TryLater} (the directory is "down")</li>
 *   <li>anyone at {@value #BROKEN}: the stage fails with an exception (a broken backend)</li>
 *   <li>any other domain: {@code RELAY} for an authenticated client (submission), else
 *       {@code Reject(RELAY_DENIED)}</li>
 * </ul>
 * Passwords are {@link #PASSWORDS}; every password check and SCRAM lookup is recorded ({@link #authLookups()}),
 * so that a test can tell whether the server asked at all.
 *
 * <p>Every message offered to {@link #accept} is read in full, recorded and queued, so that a test can look at
 * the envelope and the bytes the server would have made durable.
 *
 * <p>Synchronous by default: answers are complete when returned. Given an executor, answers are computed and
 * completed later on that executor's threads, as the resource adapter's work manager does.
 */
public final class FakeSmtpBackend implements SmtpBackend {

    public static final String HOSTED = "example.com";
    public static final Set<String> USERS = Set.of("bob", "alice");
    public static final String DISABLED_USER = "carol";
    /** The passwords of bob and alice, for AUTH. */
    public static final Map<String, String> PASSWORDS = Map.of(
            "bob@" + HOSTED, "bob's password", "alice@" + HOSTED, "alice's password");
    public static final String DOWN = "down.test";
    public static final String BROKEN = "broken.test";

    /** One message the server handed over: its envelope and its content (with the server's Received header). */
    public record Message(Envelope envelope, byte[] content) {

        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }

        /** The content without the trace header the server put in front: the data as the client sent it. */
        public String data() {
            String text = text();
            if (!text.startsWith("Received: ")) {
                throw new AssertionError("content does not start with a Received: header: " + text);
            }
            int pos = 0;
            do {
                pos = text.indexOf("\r\n", pos) + 2;
            } while (pos < text.length() && (text.charAt(pos) == '\t' || text.charAt(pos) == ' '));
            return text.substring(pos);
        }

        /** The Received: header the server added, with its continuation lines. */
        public String receivedHeader() {
            return text().substring(0, text().length() - data().length());
        }
    }

    private final Executor completer;
    private final List<RecipientCheck> checks = new CopyOnWriteArrayList<>();
    private final List<SenderCheck> senderChecks = new CopyOnWriteArrayList<>();
    private final List<Message> accepted = new CopyOnWriteArrayList<>();
    private final List<String> authLookups = new CopyOnWriteArrayList<>();
    private final List<String> completionThreads = new CopyOnWriteArrayList<>();
    private volatile boolean available = true;

    private FakeSmtpBackend(Executor completer) {
        this.completer = completer;
    }

    /** Answers at once, on the caller's thread. */
    public static FakeSmtpBackend synchronous() {
        return new FakeSmtpBackend(null);
    }

    /** Answers later: each answer is computed and completed by a task given to {@code completer}. */
    public static FakeSmtpBackend completingOn(Executor completer) {
        return new FakeSmtpBackend(completer);
    }

    public void setAvailable(boolean available) {
        this.available = available;
    }

    @Override
    public boolean isAvailable() {
        return available;
    }

    @Override
    public CompletionStage<SenderVerdict> checkSender(SenderCheck check) {
        senderChecks.add(check);
        return answer(() -> senderVerdict(check));
    }

    /**
     * Senders: anyone on the MX; on submission the authenticated user's own address (with any +tag), and for
     * bob also the alias sales@example.com; senders in down.test cannot be decided.
     */
    public static SenderVerdict senderVerdict(SenderCheck check) {
        MailAddress sender = check.sender();
        if (sender == null || !check.session().submission()) {
            return SenderVerdict.ACCEPT;
        }
        if (sender.domain().equals(DOWN)) {
            return new SenderVerdict.TryLater("directory of " + DOWN + " unavailable");
        }
        String user = check.session().authenticatedUser();
        String local = sender.localPart().toLowerCase(Locale.ROOT);
        int plus = local.indexOf('+');
        String base = (plus > 0 ? local.substring(0, plus) : local) + "@" + sender.domain();
        boolean owned = base.equals(user) || (("sales@" + HOSTED).equals(base) && ("bob@" + HOSTED).equals(user));
        return owned ? SenderVerdict.ACCEPT : new SenderVerdict.Reject(SenderVerdict.Reason.NOT_OWNED);
    }

    @Override
    public CompletionStage<AuthVerdict> verifyPassword(String user, String password, SessionInfo session) {
        authLookups.add(user);
        return answer(() -> {
            String name = user.toLowerCase(Locale.ROOT);
            if (name.endsWith("@" + DOWN)) {
                return new AuthVerdict.TryLater("directory of " + DOWN + " unavailable");
            }
            return password.equals(PASSWORDS.get(name)) ? new AuthVerdict.Authenticated(name) : AuthVerdict.DENIED;
        });
    }

    @Override
    public CompletionStage<AuthVerdict> scramCredentials(String user, SessionInfo session) {
        authLookups.add(user);
        return answer(() -> {
            String name = user.toLowerCase(Locale.ROOT);
            String password = PASSWORDS.get(name);
            return password == null ? AuthVerdict.DENIED : new AuthVerdict.Scram(name, scram(password));
        });
    }

    /** SCRAM-SHA-256 credentials of a password, with 4096 iterations and a fixed salt (RFC 5802 section 3). */
    static ScramCredentials scram(String password) {
        try {
            byte[] salt = "postilion-test-salt".getBytes(StandardCharsets.UTF_8);
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 4096, 256)).getEncoded();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salted, "HmacSHA256"));
            byte[] clientKey = mac.doFinal("Client Key".getBytes(StandardCharsets.UTF_8));
            byte[] serverKey = mac.doFinal("Server Key".getBytes(StandardCharsets.UTF_8));
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            return new ScramCredentials(4096, salt, storedKey, serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sender checks asked, in order. */
    public List<SenderCheck> senderChecks() {
        return List.copyOf(senderChecks);
    }

    @Override
    public CompletionStage<RcptVerdict> checkRecipient(RecipientCheck check) {
        checks.add(check);
        if (check.recipient().localPart().equalsIgnoreCase("postmaster")
                && check.recipient().domain().equals(check.session().serverName())) {
            // the server's own postmaster (RCPT TO:<postmaster>) always exists
            return answer(() -> RcptVerdict.LOCAL);
        }
        return answer(() -> verdict(check.recipient(), check.session()));
    }

    @Override
    public CompletionStage<IntakeVerdict> accept(Envelope envelope, MessageContent content) {
        return answer(() -> {
            accepted.add(new Message(envelope, read(content)));
            return IntakeVerdict.QUEUED;
        });
    }

    /** The policy described in the class comment. */
    public static RcptVerdict verdict(MailAddress recipient) {
        String domain = recipient.domain();
        if (domain.equals(HOSTED)) {
            if (recipient.localPart().equalsIgnoreCase(DISABLED_USER)) {
                return new RcptVerdict.Reject(RcptVerdict.Reason.DISABLED);
            }
            return USERS.contains(recipient.localPart().toLowerCase(Locale.ROOT))
                    ? RcptVerdict.LOCAL : new RcptVerdict.Reject(RcptVerdict.Reason.NO_SUCH_USER);
        }
        if (domain.equals(DOWN)) {
            return new RcptVerdict.TryLater("directory of " + DOWN + " unavailable");
        }
        if (domain.equals(BROKEN)) {
            throw new IllegalStateException("backend of " + BROKEN + " is broken");
        }
        return new RcptVerdict.Reject(RcptVerdict.Reason.RELAY_DENIED);
    }

    /** As {@link #verdict(MailAddress)}, except that an authenticated client may relay anywhere. */
    public static RcptVerdict verdict(MailAddress recipient, SessionInfo session) {
        RcptVerdict verdict = verdict(recipient);
        if (session.isAuthenticated() && verdict instanceof RcptVerdict.Reject reject
                && reject.reason() == RcptVerdict.Reason.RELAY_DENIED) {
            return RcptVerdict.RELAY;
        }
        return verdict;
    }

    /** The user names of the password checks and SCRAM lookups asked, in order. */
    public List<String> authLookups() {
        return List.copyOf(authLookups);
    }

    /** The recipient checks asked, in order. */
    public List<RecipientCheck> checks() {
        return List.copyOf(checks);
    }

    /** The messages queued, in order. */
    public List<Message> accepted() {
        return List.copyOf(accepted);
    }

    /** The names of the threads that completed the answers, in order. */
    public List<String> completionThreads() {
        return List.copyOf(completionThreads);
    }

    private <T> CompletionStage<T> answer(Supplier<T> answer) {
        if (completer == null) {
            return compute(answer);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        completer.execute(() -> compute(answer).whenComplete((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        }));
        return result;
    }

    private <T> CompletableFuture<T> compute(Supplier<T> answer) {
        completionThreads.add(Thread.currentThread().getName());
        try {
            return CompletableFuture.completedFuture(answer.get());
        } catch (RuntimeException | AssertionError e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static byte[] read(MessageContent content) {
        try (InputStream in = content.openStream()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length != content.size()) {
                throw new AssertionError("content.size() is " + content.size() + " but the stream held " + bytes.length);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
