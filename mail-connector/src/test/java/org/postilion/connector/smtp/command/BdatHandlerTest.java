package org.postilion.connector.smtp.command;

import io.netty.util.concurrent.ImmediateEventExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postilion.connector.smtp.CommandLine;
import org.postilion.connector.smtp.SmtpReplies;
import org.postilion.connector.smtp.SmtpSession;
import org.postilion.connector.smtp.SmtpSettings;
import org.postilion.connector.smtp.SmtpTransaction;
import org.postilion.connector.smtp.transcript.FakeSmtpBackend;
import org.postilion.connector.spi.AuthThrottle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link BdatHandler#begin}: the chunk size and LAST read from a BDAT argument, and the refusal (given after the
 * chunk was read) when the transaction cannot take a chunk. Null means the size cannot be read, and the
 * connection is closed.
 */
class BdatHandlerTest {

    private static final SmtpCommands COMMANDS = SmtpCommands.defaults();

    private final SmtpSession session = new SmtpSession(SmtpSettings.defaults("mx.test"), FakeSmtpBackend.synchronous(),
            AuthThrottle.defaults(), ImmediateEventExecutor.INSTANCE, "192.0.2.1");

    private String send(String line) {
        return COMMANDS.dispatch(session, CommandLine.of(line)).toCompletableFuture().join().toString();
    }

    private void readyForData() {
        send("EHLO client.example");
        send("MAIL FROM:<a@b.example>");
        assertEquals("250 2.1.5 Ok", send("RCPT TO:<bob@example.com>"));
    }

    @Test
    void readsTheSizeOfAChunkThatIsNotTheLastAndPutsTheTransactionInBdatMode() {
        readyForData();

        assertEquals(new BdatHandler.Chunk(10, false, null), BdatHandler.begin(session, "10"));

        assertEquals(SmtpTransaction.DataMode.BDAT, session.transaction().dataMode());
    }

    @Test
    void readsLastInAnyCase() {
        readyForData();

        assertEquals(new BdatHandler.Chunk(0, true, null), BdatHandler.begin(session, "0 LAST"));
        assertEquals(new BdatHandler.Chunk(7, true, null), BdatHandler.begin(session, "7 last"));
        assertEquals(new BdatHandler.Chunk(7, true, null), BdatHandler.begin(session, "7 Last"));
    }

    @Test
    void toleratesExtraSpacesAndLeadingZeros() {
        readyForData();

        assertEquals(new BdatHandler.Chunk(12, true, null), BdatHandler.begin(session, "  012   LAST  "));
    }

    @Test
    void readsSizesOfUpToEighteenDigits() {
        readyForData();

        assertEquals(new BdatHandler.Chunk(999_999_999_999_999_999L, false, null),
                BdatHandler.begin(session, "999999999999999999"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "x", "-1", "+5", "1.5", "0x10", "1e3", "1 2 3", "1 2", "1 FIRST", "1 LASTLY",
            "LAST", "LAST 1", "1234567890123456789", "\uFF15", "1\tLAST", "1 LAST x"})
    void cannotReadAnArgumentThatIsNotASizeAndAnOptionalLast(String argument) {
        readyForData();

        assertNull(BdatHandler.begin(session, argument));
        assertEquals(SmtpTransaction.DataMode.NONE, session.transaction().dataMode(), "the transaction is unchanged");
    }

    @Test
    void readsTheSizeButRefusesTheChunkWithoutMail() {
        send("EHLO client.example");

        assertEquals(new BdatHandler.Chunk(6, true, SmtpReplies.NEED_MAIL), BdatHandler.begin(session, "6 LAST"));
    }

    @Test
    void readsTheSizeButRefusesTheChunkWithoutRecipientsAndKeepsTheTransactionOpenToData() {
        send("EHLO client.example");
        send("MAIL FROM:<a@b.example>");

        assertEquals(new BdatHandler.Chunk(6, false, SmtpReplies.NEED_RCPT), BdatHandler.begin(session, "6"));

        assertEquals(SmtpTransaction.DataMode.NONE, session.transaction().dataMode());
        send("RCPT TO:<bob@example.com>");
        assertEquals("354 End data with <CR><LF>.<CR><LF>", send("DATA"), "DATA is still possible");
    }

    @Test
    void refusesAChunkForATransactionThatUsesData() {
        readyForData();
        send("DATA");

        assertEquals(new BdatHandler.Chunk(3, true, SmtpReplies.NESTED_MAIL), BdatHandler.begin(session, "3 LAST"));

        assertEquals(SmtpTransaction.DataMode.DATA, session.transaction().dataMode());
    }

    @Test
    void refusesDataForATransactionThatUsesBdat() {
        readyForData();
        BdatHandler.begin(session, "3");

        assertEquals("503 5.5.1 Error: BDAT already used; end it with BDAT n LAST", send("DATA"));
        assertEquals(SmtpTransaction.DataMode.BDAT, session.transaction().dataMode());
    }

    @Test
    void refusesDataForBinaryMimeWhichOnlyBdatCanCarry() {
        send("EHLO client.example");
        send("MAIL FROM:<a@b.example> BODY=BINARYMIME");
        send("RCPT TO:<bob@example.com>");

        assertEquals("503 5.5.1 Error: BODY=BINARYMIME requires BDAT", send("DATA"));
        assertEquals(new BdatHandler.Chunk(3, true, null), BdatHandler.begin(session, "3 LAST"));
    }

    @Test
    void answersAKeptChunkWithItsSizeAndARefusedOneWithItsRefusal() {
        assertEquals("250 2.0.0 10 octets received",
                BdatHandler.afterChunk(new BdatHandler.Chunk(10, false, null)).toString());
        assertEquals("503 5.5.1 Error: need MAIL command",
                BdatHandler.afterChunk(new BdatHandler.Chunk(10, false, SmtpReplies.NEED_MAIL)).toString());
    }
}
