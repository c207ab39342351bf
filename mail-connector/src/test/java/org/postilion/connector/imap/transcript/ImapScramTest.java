package org.postilion.connector.imap.transcript;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postilion.connector.imap.ImapSettings;
import org.postilion.connector.net.EventLoops;
import org.postilion.connector.spi.AuthThrottle;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AUTHENTICATE SCRAM-SHA-256 (RFC 7677) over IMAP, with the initial response (SASL-IR): the server's final
 * message comes as a last continuation, the client answers it with an empty line, then the tagged OK.
 */
class ImapScramTest {

    private static EventLoops loops;

    @BeforeAll
    static void startEventLoops() {
        loops = new EventLoops(1);
    }

    @AfterAll
    static void stopEventLoops() {
        loops.close();
    }

    private static byte[] hmac(byte[] key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static String exchange(String password) throws Exception {
        FakeImapStore store = new FakeImapStore();
        try (FakeImapBackend backend = new FakeImapBackend(store);
             ImapTestServer server = ImapTestServer.start(loops, ImapSettings.defaults("imap.test").toBuilder()
                     .authFailureDelay(java.time.Duration.ZERO).build(), backend, store, AuthThrottle.defaults());
             ImapTestClient c = new ImapTestClient(server.address())) {
            c.greeting();
            String clientFirstBare = "n=bob@example.com,r=clientnonce123";
            c.send(("s AUTHENTICATE SCRAM-SHA-256 " + b64(("n,," + clientFirstBare).getBytes(StandardCharsets.UTF_8))
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            String challenge = c.readLine();
            assertTrue(challenge.startsWith("+ "), challenge);
            String serverFirst = new String(Base64.getDecoder().decode(challenge.substring(2)), StandardCharsets.UTF_8);
            String nonce = serverFirst.split(",")[0].substring(2);
            byte[] salt = Base64.getDecoder().decode(serverFirst.split(",")[1].substring(2));
            int iterations = Integer.parseInt(serverFirst.split(",")[2].substring(2));
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            String withoutProof = "c=biws,r=" + nonce;
            String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
            byte[] signature = hmac(storedKey, authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ signature[i]);
            }
            c.send((b64((withoutProof + ",p=" + b64(proof)).getBytes(StandardCharsets.UTF_8)) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String next = c.readLine();
            if (!next.startsWith("+ ")) {
                return next;
            }
            String serverFinal = new String(Base64.getDecoder().decode(next.substring(2)), StandardCharsets.UTF_8);
            byte[] serverKey = hmac(salted, "Server Key");
            assertEquals("v=" + b64(hmac(serverKey, authMessage)), serverFinal, "the server proves it knows the key");
            c.send("\r\n".getBytes(StandardCharsets.US_ASCII));
            return c.readLine();
        }
    }

    @Test
    void logsInWithScramSha256() throws Exception {
        String tagged = exchange("bob's password");
        assertTrue(tagged.startsWith("s OK [CAPABILITY "), tagged);
        assertTrue(tagged.endsWith("] Logged in"), tagged);
    }

    @Test
    void refusesAWrongScramProof() throws Exception {
        assertEquals("s NO [AUTHENTICATIONFAILED] Authentication failed", exchange("wrong password"));
    }
}
