package org.postilion.connector.imap.transcript;

import org.postilion.connector.imap.ImapBackend;
import org.postilion.connector.spi.AuthVerdict;
import org.postilion.connector.spi.ScramCredentials;
import org.postilion.connector.spi.SessionInfo;
import org.postilion.connector.spi.imap.MailboxException;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The rest of the server as the IMAP tests see it: the {@link FakeImapStore} and a directory of two users,
 * {@code bob@example.com} and {@code alice@example.com}, with the passwords of {@link #PASSWORDS}. Answers
 * come on a thread of its own, as the work manager's would, so the session's hand-over to its event loop is
 * exercised in every test.
 */
public final class FakeImapBackend implements ImapBackend, AutoCloseable {

    public static final Map<String, String> PASSWORDS = Map.of(
            "bob@example.com", "bob's password",
            "alice@example.com", "alice's password");

    private final FakeImapStore store;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "fake-imap-backend");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean available = true;

    public FakeImapBackend(FakeImapStore store) {
        this.store = store;
    }

    public FakeImapStore store() {
        return store;
    }

    public void setAvailable(boolean available) {
        this.available = available;
    }

    @Override
    public boolean isAvailable() {
        return available;
    }

    @Override
    public CompletionStage<AuthVerdict> verifyPassword(String user, String password, SessionInfo session) {
        return CompletableFuture.supplyAsync(() -> {
            String name = user.toLowerCase(Locale.ROOT);
            if (name.endsWith("@down.test")) {
                return new AuthVerdict.TryLater("directory down");
            }
            return password.equals(PASSWORDS.get(name)) ? new AuthVerdict.Authenticated(name) : AuthVerdict.DENIED;
        }, executor);
    }

    @Override
    public CompletionStage<AuthVerdict> scramCredentials(String user, SessionInfo session) {
        return CompletableFuture.supplyAsync(() -> {
            String name = user.toLowerCase(Locale.ROOT);
            String password = PASSWORDS.get(name);
            return password == null ? AuthVerdict.DENIED : new AuthVerdict.Scram(name, scram(password));
        }, executor);
    }

    static ScramCredentials scram(String password) {
        try {
            byte[] salt = "postilion-test-salt".getBytes(StandardCharsets.US_ASCII);
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] salted = f.generateSecret(new PBEKeySpec(password.toCharArray(), salt, 4096, 256)).getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] serverKey = hmac(salted, "Server Key");
            return new ScramCredentials(4096, salt, storedKey, serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public <T> CompletionStage<T> store(StoreCall<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                result.complete(call.apply(store));
            } catch (MailboxException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
