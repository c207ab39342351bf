package org.postilion.connector.smtp.transcript;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postilion.connector.net.EventLoops;
import org.postilion.connector.smtp.SmtpSettings;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The session's error and junk-command counts over several messages. The settings name Postfix's
 * smtpd_hard_error_limit and smtpd_junk_command_limit, which count "without delivering mail": a queued message
 * starts both counts afresh, so that a long-lived legitimate session is not cut off.
 */
class SessionCountsTest {

    private static EventLoops loops;

    @BeforeAll
    static void startEventLoops() {
        loops = new EventLoops(1);
    }

    @AfterAll
    static void stopEventLoops() {
        loops.close();
    }

    private static FakeSmtpBackend play(List<String> lines) throws IOException {
        SmtpTranscript script = SmtpTranscript.parse("inline", lines);
        FakeSmtpBackend backend = FakeSmtpBackend.synchronous();
        try (SmtpTestServer server = SmtpTestServer.start(loops, script.settings(SmtpSettings.mx("mx.test").build()),
                backend)) {
            script.run(server.address(), () -> backend.accepted().size());
        }
        return backend;
    }

    /** The lines of one message to bob, preceded by {@code before}. */
    private static List<String> message(String... before) {
        List<String> lines = new ArrayList<>();
        for (String b : before) {
            lines.add(b);
        }
        lines.addAll(List.of(
                "C: MAIL FROM:<sender@client.example>", "S: ^250 2\\.1\\.0 Ok$",
                "C: RCPT TO:<bob@example.com>", "S: ^250 2\\.1\\.5 Ok$",
                "C: DATA", "S: ^354 .*$",
                "C: Subject: one of many", "C:", "C: hello", "C: .",
                "S: ^250 2\\.0\\.0 Ok: queued as .*$"));
        return lines;
    }

    @Test
    void countsErrorsOfOneTransactionTowardsTheHardLimit() throws IOException {
        List<String> lines = new ArrayList<>(List.of("SETTINGS: hardErrorLimit=3", "S: ^220 .*$",
                "C: HELO client.example", "S: ^250 mx\\.test$",
                "C: MAIL FROM:<sender@client.example>", "S: ^250 2\\.1\\.0 Ok$"));
        for (int i = 0; i < 2; i++) {
            lines.addAll(List.of("C: RCPT TO:<nobody@example.com>", "S: ^550 5\\.1\\.1 .*$"));
        }
        lines.addAll(List.of("C: RCPT TO:<nobody@example.com>", "S: ^550 5\\.1\\.1 .*$",
                "S: ^421 4\\.7\\.0 mx\\.test Error: too many errors$", "CLOSED"));

        assertEquals(0, play(lines).accepted().size());
    }

    @Test
    void startsTheErrorCountAfreshOnceAMessageIsQueued() throws IOException {
        List<String> lines = new ArrayList<>(List.of("SETTINGS: hardErrorLimit=3", "S: ^220 .*$",
                "C: HELO client.example", "S: ^250 mx\\.test$"));
        for (int i = 0; i < 4; i++) {
            lines.addAll(message("C: RCPT TO:<nobody@example.com>", "S: ^503 5\\.5\\.1 Error: need MAIL command$",
                    "C: VRFY", "S: ^501 5\\.5\\.4 .*$"));
        }
        lines.addAll(List.of("C: QUIT", "S: ^221 .*$", "CLOSED"));

        assertEquals(4, play(lines).accepted().size());
    }

    @Test
    void startsTheJunkCommandCountAfreshOnceAMessageIsQueued() throws IOException {
        List<String> lines = new ArrayList<>(List.of("SETTINGS: junkCommandLimit=2", "S: ^220 .*$",
                "C: HELO client.example", "S: ^250 mx\\.test$"));
        for (int i = 0; i < 4; i++) {
            lines.addAll(message("C: RSET", "S: ^250 2\\.0\\.0 Ok$", "C: NOOP", "S: ^250 2\\.0\\.0 Ok$"));
        }
        lines.addAll(List.of("C: QUIT", "S: ^221 .*$", "CLOSED"));

        assertEquals(4, play(lines).accepted().size());
    }
}
