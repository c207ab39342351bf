package org.postilion.connector.smtp.transcript;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postilion.connector.net.EventLoops;
import org.postilion.connector.smtp.SmtpSettings;
import org.postilion.connector.spi.AuthThrottle;
import org.postilion.connector.spi.ScramCredentials;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AUTH over a real socket where a script cannot do it: SCRAM-SHA-256 with a client that computes its proof, and
 * the node's throttle of failed authentications, which needs a second client address (127.0.0.2).
 */
class SmtpAuthTest {

    /** "\0bob@example.com\0bob's password" and a wrong one, base64. */
    private static final String BOB_PLAIN = plain("bob@example.com", "bob's password");
    private static final String BOB_WRONG = plain("bob@example.com", "wrong password");
    private static final String ALICE_PLAIN = plain("alice@example.com", "alice's password");
    /** The SMTP error delays are not under test here. */
    private static final SmtpSettings SUBMISSION = SmtpSettings.submission("mx.test")
            .authFailureDelay(Duration.ZERO).errorDelay(Duration.ZERO).build();

    private static EventLoops loops;

    private final FakeSmtpBackend backend = FakeSmtpBackend.synchronous();
    private SmtpTestServer server;

    @BeforeAll
    static void startEventLoops() {
        loops = new EventLoops(2);
    }

    @AfterAll
    static void stopEventLoops() {
        loops.close();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static String plain(String user, String password) {
        return base64(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    private static String base64(String text) {
        return base64(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String unbase64(String text) {
        return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
    }

    private SmtpTestClient greeted(String localAddress) throws IOException {
        SmtpTestClient client = SmtpTestClient.connect(server.address(), localAddress);
        assertEquals(220, client.readReply().code());
        SmtpTestClient.Reply ehlo = client.command("EHLO client.example");
        assertTrue(ehlo.lines().contains("250-AUTH SCRAM-SHA-256 PLAIN LOGIN"), ehlo.toString());
        return client;
    }

    // --- SCRAM-SHA-256 ---------------------------------------------------------------------------------------

    /** The client side of SCRAM-SHA-256 (RFC 5802 section 3, RFC 7677), computed here from the password. */
    private static final class ScramClient {
        final String user;
        final String password;
        final String clientNonce = "rOprNGfwEbeRWgbNEkqO";
        byte[] saltedPassword;
        byte[] salt;
        int iterations;
        String authMessage;

        ScramClient(String user, String password) {
            this.user = user;
            this.password = password;
        }

        String bare() {
            return "n=" + user + ",r=" + clientNonce;
        }

        String first() {
            return "n,," + bare();
        }

        String last(String serverFirst) throws GeneralSecurityException {
            String[] attributes = serverFirst.split(",");
            assertTrue(attributes[0].startsWith("r=" + clientNonce) && attributes[0].length() > 2 + clientNonce.length(),
                    "the server's nonce extends the client's: " + serverFirst);
            assertTrue(attributes[1].startsWith("s=") && attributes[2].startsWith("i="), serverFirst);
            salt = Base64.getDecoder().decode(attributes[1].substring(2));
            iterations = Integer.parseInt(attributes[2].substring(2));
            saltedPassword = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            String withoutProof = "c=" + base64("n,,") + ",r=" + attributes[0].substring(2);
            authMessage = bare() + "," + serverFirst + "," + withoutProof;
            byte[] clientKey = hmac(saltedPassword, "Client Key");
            byte[] clientSignature = hmac(storedKey(), authMessage);
            byte[] proof = new byte[clientKey.length];
            for (int i = 0; i < proof.length; i++) {
                proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
            }
            return withoutProof + ",p=" + base64(proof);
        }

        byte[] storedKey() throws GeneralSecurityException {
            return MessageDigest.getInstance("SHA-256").digest(hmac(saltedPassword, "Client Key"));
        }

        String expectedServerFinal() throws GeneralSecurityException {
            return "v=" + base64(hmac(hmac(saltedPassword, "Server Key"), authMessage));
        }

        private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void authenticatesWithScramSha256ComputedByTheClientFromThePassword() throws Exception {
        server = SmtpTestServer.start(loops, SUBMISSION, backend);
        ScramClient scram = new ScramClient("bob@example.com", "bob's password");
        ScramCredentials stored = FakeSmtpBackend.scram("bob's password");
        try (SmtpTestClient client = greeted("127.0.0.1")) {
            SmtpTestClient.Reply serverFirst = client.command("AUTH SCRAM-SHA-256 " + base64(scram.first()));
            assertEquals(334, serverFirst.code(), serverFirst.toString());

            SmtpTestClient.Reply serverFinal = client.command(base64(scram.last(unbase64(serverFirst.text()))));

            assertArrayEquals(stored.salt(), scram.salt, "the salt of the directory's credentials");
            assertEquals(4096, scram.iterations);
            assertArrayEquals(stored.storedKey(), scram.storedKey(), "the client derived the stored key");
            assertEquals(334, serverFinal.code(), serverFinal.toString());
            assertEquals(scram.expectedServerFinal(), unbase64(serverFinal.text()),
                    "the server proves it knows the server key");
            assertEquals("235 2.7.0 Authentication successful", client.command("").last());
            assertEquals("250 2.1.0 Ok", client.command("MAIL FROM:<bob@example.com>").last());
        }
        assertEquals(List.of("bob@example.com"), backend.authLookups());
    }

    @Test
    void refusesAScramProofMadeWithTheWrongPasswordWith535() throws Exception {
        server = SmtpTestServer.start(loops, SUBMISSION, backend);
        ScramClient scram = new ScramClient("bob@example.com", "not bob's password");
        try (SmtpTestClient client = greeted("127.0.0.1")) {
            SmtpTestClient.Reply serverFirst = client.command("AUTH SCRAM-SHA-256 " + base64(scram.first()));
            assertEquals(334, serverFirst.code(), serverFirst.toString());

            SmtpTestClient.Reply reply = client.command(base64(scram.last(unbase64(serverFirst.text()))));

            assertEquals("535 5.7.8 Authentication credentials invalid", reply.toString());
            assertEquals("530 5.7.0 Authentication required", client.command("MAIL FROM:<bob@example.com>").last());
        }
    }

    @Test
    void runsScramForAnUnknownUserToTheProofAndRefusesItLikeAWrongPassword() throws Exception {
        server = SmtpTestServer.start(loops, SUBMISSION, backend);
        ScramClient scram = new ScramClient("nobody@example.com", "anything");
        try (SmtpTestClient client = greeted("127.0.0.1")) {
            SmtpTestClient.Reply serverFirst = client.command("AUTH SCRAM-SHA-256 " + base64(scram.first()));
            assertEquals(334, serverFirst.code(), "a decoy server-first message: " + serverFirst);

            SmtpTestClient.Reply reply = client.command(base64(scram.last(unbase64(serverFirst.text()))));

            assertEquals("535 5.7.8 Authentication credentials invalid", reply.toString());
        }
    }

    // --- the throttle ----------------------------------------------------------------------------------------

    @Test
    void refusesFurtherAuthFromAnAddressPastItsLimitWith454WithoutAskingTheBackend() throws IOException {
        AuthThrottle throttle = new AuthThrottle(3, 100, Duration.ofMinutes(15), Clock.systemUTC());
        server = SmtpTestServer.start(loops, SUBMISSION.toBuilder().authFailuresPerSession(10).build(), backend,
                throttle);
        try (SmtpTestClient client = greeted("127.0.0.1")) {
            for (int i = 0; i < 3; i++) {
                assertEquals("535 5.7.8 Authentication credentials invalid",
                        client.command("AUTH PLAIN " + BOB_WRONG).toString());
            }
            int asked = backend.authLookups().size();

            assertEquals("454 4.7.0 Temporary authentication failure: too many failed attempts, try later",
                    client.command("AUTH PLAIN " + BOB_PLAIN).toString(), "even the right password");
            assertEquals("454 4.7.0 Temporary authentication failure: too many failed attempts, try later",
                    client.command("AUTH SCRAM-SHA-256 " + base64("n,,n=alice@example.com,r=abc")).toString());

            assertEquals(3, asked);
            assertEquals(asked, backend.authLookups().size(), "the backend was not asked again");
        }
        try (SmtpTestClient again = greeted("127.0.0.1")) {
            assertEquals(454, again.command("AUTH PLAIN " + ALICE_PLAIN).code(), "the count outlives the session");
        }
    }

    @Test
    void letsUsersAuthenticateFromAnotherAddressWhileOneAddressIsThrottled() throws IOException {
        AuthThrottle throttle = new AuthThrottle(3, 100, Duration.ofMinutes(15), Clock.systemUTC());
        server = SmtpTestServer.start(loops, SUBMISSION, backend, throttle);
        try (SmtpTestClient guesser = greeted("127.0.0.1")) {
            guesser.command("AUTH PLAIN " + BOB_WRONG);
            guesser.command("AUTH PLAIN " + BOB_WRONG);
            assertEquals(421, guesser.command("AUTH PLAIN " + BOB_WRONG).code());
        }
        assertTrue(throttle.isAddressBlocked("127.0.0.1"));

        try (SmtpTestClient alice = greeted("127.0.0.2")) {
            assertEquals("235 2.7.0 Authentication successful", alice.command("AUTH PLAIN " + ALICE_PLAIN).toString());
        }
        try (SmtpTestClient bob = greeted("127.0.0.2")) {
            assertEquals("235 2.7.0 Authentication successful", bob.command("AUTH PLAIN " + BOB_PLAIN).toString(),
                    "three failures are far below the user's own limit");
        }
    }

    @Test
    void refusesAUserFailedTooOftenFromAnyAddressWith454WithoutAskingTheBackend() throws IOException {
        AuthThrottle throttle = new AuthThrottle(100, 2, Duration.ofMinutes(15), Clock.systemUTC());
        server = SmtpTestServer.start(loops, SUBMISSION, backend, throttle);
        try (SmtpTestClient guesser = greeted("127.0.0.1")) {
            guesser.command("AUTH PLAIN " + BOB_WRONG);
            guesser.command("AUTH PLAIN " + BOB_WRONG);
        }
        int asked = backend.authLookups().size();

        try (SmtpTestClient bob = greeted("127.0.0.2")) {
            assertEquals("454 4.7.0 Temporary authentication failure", bob.command("AUTH PLAIN " + BOB_PLAIN).toString());
            assertEquals(asked, backend.authLookups().size(), "the backend was not asked about bob");
            assertEquals("235 2.7.0 Authentication successful", bob.command("AUTH PLAIN " + ALICE_PLAIN).toString(),
                    "another user from the same address");
        }
    }
}
