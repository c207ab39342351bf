package org.postilion.connector.smtp.transcript;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postilion.connector.net.EventLoops;
import org.postilion.connector.smtp.SmtpSettings;

import java.io.IOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tarpits, measured on the wire: every failed AUTH is answered after authFailureDelay, and past the soft
 * error limit every error reply after errorDelay, while positive replies are never held back. Lower bounds are
 * exact (the delay is scheduled after the command arrived); upper bounds are generous, for slow machines.
 */
class SmtpDelaysTest {

    private static final Duration DELAY = Duration.ofMillis(400);
    private static final Duration AT_MOST = Duration.ofSeconds(5);
    /** "\0bob@example.com\0bob's password" and "\0bob@example.com\0wrong password", base64. */
    private static final String BOB_PLAIN = "AGJvYkBleGFtcGxlLmNvbQBib2IncyBwYXNzd29yZA==";
    private static final String BOB_WRONG = "AGJvYkBleGFtcGxlLmNvbQB3cm9uZyBwYXNzd29yZA==";

    private static EventLoops loops;

    private SmtpTestServer server;

    @BeforeAll
    static void startEventLoops() {
        loops = new EventLoops(1);
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

    /** A command's reply and how long it took to come. */
    private record Timed(SmtpTestClient.Reply reply, Duration took) {
    }

    private static Timed timed(SmtpTestClient client, String command) throws IOException {
        long start = System.nanoTime();
        SmtpTestClient.Reply reply = client.command(command);
        return new Timed(reply, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void assertDelayed(Timed t) {
        assertTrue(t.took().compareTo(DELAY) >= 0, "expected a delay of " + DELAY + " before " + t.reply() + ", took " + t.took());
        assertTrue(t.took().compareTo(AT_MOST) < 0, "took " + t.took());
    }

    private static void assertPrompt(Timed t) {
        assertTrue(t.took().compareTo(DELAY) < 0, "expected " + t.reply() + " without the delay, took " + t.took());
    }

    @Test
    void answersAWrongPasswordOnlyAfterTheAuthFailureDelayAndARightOneAtOnce() throws IOException {
        server = SmtpTestServer.start(loops, SmtpSettings.submission("mx.test").authFailureDelay(DELAY)
                .errorDelay(Duration.ZERO).build(), FakeSmtpBackend.synchronous());
        try (SmtpTestClient client = SmtpTestClient.connect(server.address())) {
            client.readReply();
            client.command("EHLO client.example");

            Timed wrong = timed(client, "AUTH PLAIN " + BOB_WRONG);
            Timed right = timed(client, "AUTH PLAIN " + BOB_PLAIN);

            assertEquals("535 5.7.8 Authentication credentials invalid", wrong.reply().toString());
            assertDelayed(wrong);
            assertEquals("235 2.7.0 Authentication successful", right.reply().toString());
            assertPrompt(right);
        }
    }

    @Test
    void delaysErrorRepliesPastTheSoftErrorLimitButNotPositiveOnes() throws IOException {
        server = SmtpTestServer.start(loops, SmtpSettings.defaults("mx.test").toBuilder().softErrorLimit(2)
                .errorDelay(DELAY).build(), FakeSmtpBackend.synchronous());
        try (SmtpTestClient client = SmtpTestClient.connect(server.address())) {
            client.readReply();

            Timed first = timed(client, "FOO");
            Timed second = timed(client, "BAR");
            Timed noop = timed(client, "NOOP");
            Timed third = timed(client, "BAZ");
            Timed positive = timed(client, "HELO client.example");
            Timed fourth = timed(client, "MAIL TO:<bob@example.com>");

            assertEquals(500, first.reply().code());
            assertPrompt(first);
            assertEquals(500, second.reply().code());
            assertPrompt(second);
            assertEquals(250, noop.reply().code());
            assertPrompt(noop);
            assertEquals(500, third.reply().code());
            assertDelayed(third);
            assertEquals(250, positive.reply().code());
            assertPrompt(positive);
            assertEquals("501 5.5.4 Syntax: MAIL FROM:<address>", fourth.reply().toString());
            assertDelayed(fourth);
        }
    }
}
