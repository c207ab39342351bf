package org.postilion.connector.smtp.transcript;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.postilion.connector.net.EventLoops;
import org.postilion.connector.smtp.SmtpSettings;
import org.postilion.connector.spi.Envelope;
import org.postilion.connector.spi.MailAddress;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plays every script of {@code src/test/resources/transcripts/smtp} against a real listener on 127.0.0.1 (the
 * same Netty pipeline the resource adapter starts) with {@link FakeSmtpBackend} behind it, then checks for some
 * scripts what reached the backend.
 */
class SmtpTranscriptTest {

    /** The MX as WildFly runs it (STARTTLS offered, no AUTH), so that the same scripts pass there too. */
    private static final SmtpSettings DEFAULTS = SmtpSettings.mx("mx.test").build();

    private static EventLoops loops;

    @BeforeAll
    static void startEventLoops() {
        loops = new EventLoops(2);
    }

    @AfterAll
    static void stopEventLoops() {
        loops.close();
    }

    /** What one script did: the server's lines, and what its backend received. */
    record Outcome(List<String> serverLines, FakeSmtpBackend backend) {
    }

    static Outcome play(SmtpTranscript script, FakeSmtpBackend backend) throws IOException {
        try (SmtpTestServer server = SmtpTestServer.start(loops, script.settings(DEFAULTS), backend)) {
            List<String> lines = script.run(server.address(), () -> backend.accepted().size());
            return new Outcome(lines, backend);
        }
    }

    static Outcome play(String scriptName) throws IOException {
        return play(SmtpTranscript.load(scriptDirectory().resolve(scriptName)), FakeSmtpBackend.synchronous());
    }

    static Path scriptDirectory() {
        URL url = Objects.requireNonNull(SmtpTranscriptTest.class.getResource("/transcripts/smtp"),
                "transcripts/smtp on the test class path");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyTranscriptScriptPasses() throws IOException {
        List<Path> scripts = SmtpTranscript.scripts(scriptDirectory());
        assertFalse(scripts.isEmpty(), "no scripts found");
        return scripts.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> play(SmtpTranscript.load(file), FakeSmtpBackend.synchronous())));
    }

    @Test
    void queuesTheDotStuffedMessageWithOneDotRemovedFromEachStuffedLine() throws IOException {
        Outcome outcome = play("mail-transaction.test");

        List<FakeSmtpBackend.Message> accepted = outcome.backend().accepted();
        assertEquals(1, accepted.size());
        FakeSmtpBackend.Message message = accepted.get(0);
        assertEquals("""
                From: sender@client.example\r
                To: bob@example.com\r
                Subject: dots\r
                \r
                .a line that began with a dot\r
                ..two dots\r
                .\r
                not. a. stuffed. line.\r
                """, message.data());

        Envelope envelope = message.envelope();
        assertEquals(new MailAddress("sender", "client.example"), envelope.reversePath());
        assertEquals(List.of(new MailAddress("bob", "example.com")), envelope.recipients().stream().map(r -> r.address()).toList());
        assertEquals(Envelope.BodyType.EIGHT_BIT_MIME, envelope.bodyType());
        assertEquals("127.0.0.1", envelope.session().clientAddress());
        assertEquals("client.example", envelope.session().heloName());
        assertEquals("smtp", envelope.session().listener());
        assertTrue(outcome.serverLines().contains("250 2.0.0 Ok: queued as " + envelope.queueId()),
                "the client is told the queue id the backend got: " + outcome.serverLines());
        assertTrue(message.receivedHeader().startsWith("Received: from client.example (unknown [127.0.0.1])\r\n"
                + "\tby mx.test (Postilion) with ESMTP id " + envelope.queueId() + "\r\n"
                + "\tfor <bob@example.com>; "), message.receivedHeader());
    }

    @Test
    void asksTheBackendAboutEachRecipientOfAPipelinedGroupInOrder() throws IOException {
        Outcome outcome = play("pipelining.test");

        assertEquals(List.of("bob@example.com", "nobody@example.com", "alice@example.com"),
                outcome.backend().checks().stream().map(c -> c.recipient().toString()).toList());
        List<FakeSmtpBackend.Message> accepted = outcome.backend().accepted();
        assertEquals(1, accepted.size());
        assertEquals(List.of(new MailAddress("bob", "example.com"), new MailAddress("alice", "example.com")),
                accepted.get(0).envelope().recipients().stream().map(r -> r.address()).toList());
        assertEquals("Subject: pipelined\r\n\r\nhello\r\n", accepted.get(0).data());
    }

    @Test
    void queuesNothingOfAMessageWhoseClientHungUpBeforeTheEndOfData() throws IOException {
        Outcome outcome = play("truncated-data.test");

        List<FakeSmtpBackend.Message> accepted = outcome.backend().accepted();
        assertEquals(1, accepted.size(), "only the second session's message");
        assertEquals(List.of(new MailAddress("alice", "example.com")), accepted.get(0).envelope().recipients().stream().map(r -> r.address()).toList());
        assertEquals("Subject: finished\r\n\r\nthis one ends\r\n", accepted.get(0).data());
    }

    @Test
    void neverAsksTheBackendAboutTheRecipientsOfSmuggledCommands() throws IOException {
        Outcome outcome = play("data-smuggling.test");

        assertEquals(List.of("bob@example.com"),
                outcome.backend().checks().stream().map(c -> c.recipient().toString()).toList());
        assertTrue(outcome.backend().accepted().isEmpty());
    }

    @Test
    void neverAsksTheBackendAboutRecipientsBeforeMail() throws IOException {
        Outcome outcome = play("rcpt-before-mail.test");

        assertTrue(outcome.backend().checks().isEmpty(), outcome.backend().checks().toString());
    }

    @Test
    void refusesConnectionsWith421WhileTheBackendIsUnavailable() throws IOException {
        FakeSmtpBackend backend = FakeSmtpBackend.synchronous();
        backend.setAvailable(false);
        SmtpTranscript script = SmtpTranscript.parse("unavailable", List.of(
                "S: ^421 4\\.3\\.2 mx\\.test Service not available, closing transmission channel$",
                "CLOSED"));

        play(script, backend);

        assertTrue(backend.checks().isEmpty());
    }
}
