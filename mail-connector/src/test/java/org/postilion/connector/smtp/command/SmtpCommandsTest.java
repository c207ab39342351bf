package org.postilion.connector.smtp.command;

import io.netty.util.concurrent.ImmediateEventExecutor;
import org.postilion.connector.spi.AuthThrottle;

import org.junit.jupiter.api.Test;
import org.postilion.connector.smtp.CommandLine;
import org.postilion.connector.smtp.SmtpSession;
import org.postilion.connector.smtp.SmtpSettings;
import org.postilion.connector.smtp.transcript.FakeSmtpBackend;
import org.postilion.connector.spi.Envelope.BodyType;
import org.postilion.connector.spi.MailAddress;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handlers behind the dispatch, without a socket: a session on the calling thread and the synchronous fake
 * backend. Each reply is checked as it would go on the wire.
 */
class SmtpCommandsTest {

    private static final SmtpCommands COMMANDS = SmtpCommands.defaults();

    private final FakeSmtpBackend backend = FakeSmtpBackend.synchronous();
    private SmtpSession session = session(SmtpSettings.defaults("mx.test"));

    private SmtpSession session(SmtpSettings settings) {
        return new SmtpSession(settings, backend, AuthThrottle.defaults(), ImmediateEventExecutor.INSTANCE, "192.0.2.1");
    }

    private String send(String line) {
        return COMMANDS.dispatch(session, CommandLine.of(line)).toCompletableFuture().join().toString();
    }

    @Test
    void dispatchesVerbsWhateverTheirCase() {
        assertEquals("250 2.0.0 Ok", send("noop"));
        assertEquals("250 mx.test", send("hElO client.example"));
        assertEquals("250 2.1.0 Ok", send("mail from:<a@b.example>"));
        assertEquals("250 2.1.5 Ok", send("Rcpt To:<bob@example.com>"));
    }

    @Test
    void answersProblemLinesWithoutAskingAnyHandler() {
        assertEquals("500 5.5.2 Error: line too long",
                COMMANDS.dispatch(session, new CommandLine("", CommandLine.Problem.TOO_LONG)).toCompletableFuture()
                        .join().toString());
        assertEquals("500 5.5.2 Error: bad characters in command",
                COMMANDS.dispatch(session, new CommandLine("", CommandLine.Problem.BAD_CHARACTERS))
                        .toCompletableFuture().join().toString());
    }

    @Test
    void startsTheTransactionWithTheSenderSizeAndBody() {
        send("EHLO client.example");

        assertEquals("250 2.1.0 Ok", send("MAIL FROM:<a@b.example> SIZE=1000 BODY=8bitmime"));

        assertEquals(new MailAddress("a", "b.example"), session.transaction().reversePath());
        assertEquals(1000, session.transaction().declaredSize());
        assertEquals(BodyType.EIGHT_BIT_MIME, session.transaction().bodyType());
    }

    @Test
    void startsATransactionWithTheNullSender() {
        send("EHLO client.example");

        assertEquals("250 2.1.0 Ok", send("MAIL FROM:<>"));

        assertNull(session.transaction().reversePath());
        assertEquals(-1, session.transaction().declaredSize());
    }

    @Test
    void refusesMalformedSenderWith501AndStartsNoTransaction() {
        send("EHLO client.example");

        assertEquals("501 5.1.7 Bad sender address syntax", send("MAIL FROM:<a@b..example>"));
        assertEquals("501 5.5.4 Syntax: MAIL FROM:<address>", send("MAIL TO:<a@b.example>"));
        assertEquals("501 5.5.4 Bad message size syntax", send("MAIL FROM:<a@b.example> SIZE"));
        assertEquals("501 5.5.4 Bad BODY parameter", send("MAIL FROM:<a@b.example> BODY"));
        assertNull(session.transaction());
    }

    @Test
    void refusesMalformedRecipientWith501AndAsksNothing() {
        send("EHLO client.example");
        send("MAIL FROM:<a@b.example>");

        assertEquals("501 5.1.3 Bad recipient address syntax", send("RCPT TO:<>"));
        assertEquals("501 5.1.3 Bad recipient address syntax", send("RCPT TO:<bob@example.com"));
        assertEquals("501 5.5.4 Syntax: RCPT TO:<address>", send("RCPT TO:<bob@example.com> NOTIFY="));
        assertEquals("501 5.5.4 Syntax: RCPT TO:<address>", send("RCPT FROM:<bob@example.com>"));
        assertTrue(backend.checks().isEmpty());
    }

    @Test
    void asksTheBackendWithTheSenderAndTheSession() {
        send("EHLO client.example");
        send("MAIL FROM:<a@b.example>");

        send("RCPT TO:<bob@example.com>");

        assertEquals(1, backend.checks().size());
        assertEquals(new MailAddress("a", "b.example"), backend.checks().get(0).reversePath());
        assertEquals("client.example", backend.checks().get(0).session().heloName());
        assertEquals("192.0.2.1", backend.checks().get(0).session().clientAddress());
    }

    @Test
    void recordsARepeatedRecipientOnce() {
        send("EHLO client.example");
        send("MAIL FROM:<a@b.example>");

        assertEquals("250 2.1.5 Ok", send("RCPT TO:<bob@example.com>"));
        assertEquals("250 2.1.5 Ok", send("RCPT TO:<BOB@Example.com>"));

        assertEquals(List.of(new MailAddress("bob", "example.com")), session.transaction().recipientAddresses());
    }

    @Test
    void refusesRecipientsBeyondTheLimitWith452() {
        session = session(SmtpSettings.defaults("mx.test").toBuilder().recipientLimit(1).build());
        send("EHLO client.example");
        send("MAIL FROM:<a@b.example>");

        assertEquals("250 2.1.5 Ok", send("RCPT TO:<bob@example.com>"));
        assertEquals("452 4.5.3 Error: too many recipients", send("RCPT TO:<alice@example.com>"));

        assertEquals(1, session.transaction().recipients().size());
    }

    @Test
    void doesNotAddARefusedRecipient() {
        send("EHLO client.example");
        send("MAIL FROM:<a@b.example>");

        send("RCPT TO:<nobody@example.com>");
        send("RCPT TO:<x@down.test>");
        send("RCPT TO:<x@elsewhere.test>");

        assertTrue(session.transaction().recipients().isEmpty());
    }

    @Test
    void switchesToDataOnlyAfter354() {
        send("EHLO client.example");
        send("MAIL FROM:<a@b.example>");
        assertEquals("503 5.5.1 Error: need RCPT command", send("DATA"));
        assertFalse(session.takeDataRequest());
        send("RCPT TO:<bob@example.com>");

        assertEquals("354 End data with <CR><LF>.<CR><LF>", send("DATA"));

        assertTrue(session.takeDataRequest());
        assertFalse(session.takeDataRequest(), "the request is taken once");
    }

    @Test
    void endsTheTransactionButNotTheGreetingOnRset() {
        send("EHLO client.example");
        send("MAIL FROM:<a@b.example>");

        assertEquals("250 2.0.0 Ok", send("RSET"));

        assertNull(session.transaction());
        assertEquals("client.example", session.heloName());
        assertTrue(session.isExtended());
    }

    @Test
    void endsTheTransactionOnANewGreeting() {
        send("EHLO client.example");
        send("MAIL FROM:<a@b.example>");

        send("HELO other.example");

        assertNull(session.transaction());
        assertEquals("other.example", session.heloName());
        assertFalse(session.isExtended());
    }

    @Test
    void requestsTheCloseOnlyForAQuitWithoutArgument() {
        assertEquals("501 5.5.4 Syntax: no arguments allowed", send("QUIT please"));
        assertFalse(session.isCloseRequested());

        assertEquals("221 2.0.0 Bye", send("QUIT"));

        assertTrue(session.isCloseRequested());
    }

    @Test
    void countsErrorsUpToTheHardLimit() {
        session = session(SmtpSettings.defaults("mx.test").toBuilder().hardErrorLimit(3).build());

        assertFalse(session.countError());
        assertFalse(session.countError());
        assertTrue(session.countError());
    }

    @Test
    void acceptsPostmasterWithoutADomain() {
        send("EHLO client.example");
        send("MAIL FROM:<a@b.example>");

        assertTrue(send("RCPT TO:<Postmaster>").startsWith("250"));
    }
}
