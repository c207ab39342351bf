package org.postilion.connector.smtp.transcript;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postilion.connector.net.EventLoops;
import org.postilion.connector.smtp.SmtpSettings;
import org.postilion.connector.spi.MailAddress;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backend answers later, on its own threads (as the resource adapter's work manager does): pipelined
 * replies must still come in the order of the commands, and the session must take up the input where it
 * stopped.
 */
class AsynchronousBackendTest {

    private static EventLoops loops;

    private ScheduledExecutorService scheduler;
    private FakeSmtpBackend backend;
    private SmtpTestServer server;

    @BeforeAll
    static void startEventLoops() {
        loops = new EventLoops(2);
    }

    @AfterAll
    static void stopEventLoops() {
        loops.close();
    }

    @BeforeEach
    void startServer() {
        scheduler = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "fake-backend");
            t.setDaemon(true);
            return t;
        });
        // each answer takes a little less time than the one before, from 150 ms down to 0
        AtomicInteger calls = new AtomicInteger();
        Executor later = task -> scheduler.schedule(task, Math.max(0, 150 - 25L * calls.getAndIncrement()),
                TimeUnit.MILLISECONDS);
        backend = FakeSmtpBackend.completingOn(later);
        server = SmtpTestServer.start(loops, SmtpSettings.mx("mx.test").build(), backend);
    }

    @AfterEach
    void stopServer() {
        server.close();
        scheduler.shutdownNow();
    }

    @Test
    void answersPipelinedCommandsInOrderWhenVerdictsCompleteLaterOnAnotherThread() throws IOException {
        SmtpTranscript script = SmtpTranscript.parse("asynchronous pipelining", List.of(
                "S: ^220 mx\\.test ESMTP Postilion$",
                "C: EHLO client.example",
                "S: ^250-mx\\.test$", "S: ^250-PIPELINING$", "S: ^250-SIZE \\d+$",
                "S: ^250-STARTTLS$", "S: ^250-ENHANCEDSTATUSCODES$", "S: ^250-8BITMIME$", "S: ^250-BINARYMIME$", "S: ^250-CHUNKING$", "S: ^250-SMTPUTF8$", "S: ^250 DSN$",
                "C: MAIL FROM:<sender@client.example>",
                "C: RCPT TO:<bob@example.com>",
                "C: RCPT TO:<nobody@example.com>",
                "C: RCPT TO:<someone@elsewhere.test>",
                "C: RCPT TO:<user@down.test>",
                "C: RCPT TO:<alice@example.com>",
                "C: NOOP",
                "C: DATA",
                "S: ^250 2\\.1\\.0 Ok$",
                "S: ^250 2\\.1\\.5 Ok$",
                "S: ^550 5\\.1\\.1 <nobody@example\\.com>: .*$",
                "S: ^554 5\\.7\\.1 <someone@elsewhere\\.test>: Relay access denied$",
                "S: ^451 4\\.3\\.0 <user@down\\.test>: Temporary lookup failure$",
                "S: ^250 2\\.1\\.5 Ok$",
                "S: ^250 2\\.0\\.0 Ok$",
                "S: ^354 .*$",
                "C: Subject: later",
                "C:",
                "C: ..answered later",
                "C: .",
                "C: RSET",
                "C: QUIT",
                "S: ^250 2\\.0\\.0 Ok: queued as [0-9A-HJKMNP-TV-Z]+$",
                "S: ^250 2\\.0\\.0 Ok$",
                "S: ^221 2\\.0\\.0 Bye$",
                "CLOSED",
                "ACCEPTED: 1"));

        script.run(server.address(), () -> backend.accepted().size());

        assertEquals(List.of("bob@example.com", "nobody@example.com", "someone@elsewhere.test", "user@down.test",
                        "alice@example.com"),
                backend.checks().stream().map(c -> c.recipient().toString()).toList());
        assertEquals(List.of(new MailAddress("bob", "example.com"), new MailAddress("alice", "example.com")),
                backend.accepted().get(0).envelope().recipients().stream().map(r -> r.address()).toList());
        assertEquals("Subject: later\r\n\r\n.answered later\r\n", backend.accepted().get(0).data());
        List<String> threads = backend.completionThreads();
        assertEquals(6, threads.size(), "five recipient checks and one intake: " + threads);
        assertTrue(threads.stream().allMatch("fake-backend"::equals), threads.toString());
    }

    @Test
    void answersTemporaryFailureWhenTheBackendStageFailsAndGoesOn() throws IOException {
        SmtpTranscript script = SmtpTranscript.parse("failing backend", List.of(
                "S: ^220 .*$",
                "C: HELO client.example",
                "S: ^250 mx\\.test$",
                "C: MAIL FROM:<sender@client.example>",
                "C: RCPT TO:<user@broken.test>",
                "C: RCPT TO:<bob@example.com>",
                "S: ^250 2\\.1\\.0 Ok$",
                "S: ^451 4\\.3\\.0 .*$",
                "S: ^250 2\\.1\\.5 Ok$",
                "C: QUIT",
                "S: ^221 .*$",
                "CLOSED"));

        List<String> lines = script.run(server.address(), () -> backend.accepted().size());

        assertFalse(lines.get(3).startsWith("5"), "a broken backend must never give a permanent failure");
        assertEquals(2, backend.checks().size());
    }
}
