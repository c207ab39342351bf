package org.postilion.connector.smtp.transcript;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postilion.connector.net.EventLoops;
import org.postilion.connector.smtp.SmtpSettings;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transcript runner itself: a runner that cannot fail would prove nothing. */
class SmtpTranscriptRunnerTest {

    private static EventLoops loops;

    @BeforeAll
    static void startEventLoops() {
        loops = new EventLoops(1);
    }

    @AfterAll
    static void stopEventLoops() {
        loops.close();
    }

    private static List<String> run(String... lines) throws IOException {
        FakeSmtpBackend backend = FakeSmtpBackend.synchronous();
        SmtpTranscript script = SmtpTranscript.parse("inline", List.of(lines));
        try (SmtpTestServer server = SmtpTestServer.start(loops, script.settings(SmtpSettings.mx("mx.test").build()),
                backend)) {
            return script.run(server.address(), () -> backend.accepted().size());
        }
    }

    @Test
    void returnsEveryLineTheServerSent() throws IOException {
        List<String> lines = run("S: ^220 .*$", "C: NOOP", "S: ^250 .*$", "C: QUIT", "S: ^221 .*$", "CLOSED");

        assertEquals(List.of("220 mx.test ESMTP Postilion", "250 2.0.0 Ok", "221 2.0.0 Bye"), lines);
    }

    @Test
    void failsOnAReplyThatDoesNotMatchAndNamesTheScriptLine() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> run("S: ^220 .*$", "# a comment", "C: NOOP", "S: ^251 .*$"));

        assertTrue(e.getMessage().startsWith("inline:4: expected /^251 .*$/ but got: 250 2.0.0 Ok"), e.getMessage());
        assertTrue(e.getMessage().contains("C: NOOP\n"), e.getMessage());
    }

    @Test
    void matchesTheWholeLine() {
        assertThrows(AssertionError.class, () -> run("S: 220 mx"));
    }

    @Test
    void failsWhenTheServerSendsALineWhereItShouldHaveClosed() {
        AssertionError e = assertThrows(AssertionError.class, () -> run("S: ^220 .*$", "C: NOOP", "CLOSED"));

        assertTrue(e.getMessage().contains("expected the server to close, but got: 250 2.0.0 Ok"), e.getMessage());
    }

    @Test
    void failsWhenTheServerClosedWhereAReplyWasExpected() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> run("S: ^220 .*$", "C: QUIT", "S: ^221 .*$", "S: ^250 .*$"));

        assertTrue(e.getMessage().contains("but the server closed the connection"), e.getMessage());
    }

    @Test
    void failsOnTheWrongNumberOfAcceptedMessages() {
        AssertionError e = assertThrows(AssertionError.class, () -> run("S: ^220 .*$", "ACCEPTED: 1"));

        assertTrue(e.getMessage().contains("expected 1 accepted messages but the backend has 0"), e.getMessage());
    }

    @Test
    void sendsRawEscapesAsTheOctetsTheyName() throws IOException {
        List<String> lines = run("S: ^220 .*$", "RAW: NOOP\\x0d\\x0aNOOP\\r\\nNOOP\\n", "S: ^250 .*$", "S: ^250 .*$",
                "S: ^500 5\\.5\\.2 Error: bare <LF> received.*$");

        assertEquals(4, lines.size());
    }

    @Test
    void appliesTheSettingsOfTheScript() {
        SmtpSettings s = SmtpTranscript.parse("inline", List.of("SETTINGS: hardErrorLimit=3 hostname=other.test",
                "S: ^220 .*$")).settings(SmtpSettings.mx("mx.test").build());

        assertEquals(3, s.hardErrorLimit());
        assertEquals("other.test", s.hostname());
        assertEquals(SmtpSettings.LINE_LENGTH_LIMIT, s.lineLengthLimit());
    }

    @Test
    void refusesALineItCannotRead() {
        assertThrows(IllegalArgumentException.class, () -> SmtpTranscript.parse("inline", List.of("X: what")));
        assertThrows(IllegalArgumentException.class, () -> SmtpTranscript.parse("inline", List.of("RAW: \\q")));
        assertThrows(IllegalArgumentException.class,
                () -> SmtpTranscript.parse("inline", List.of("S: .*", "SETTINGS: hardErrorLimit=3")));
    }
}
