package org.postilion.connector.imap.decode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postilion.connector.imap.ImapSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command decoder on bytes: RFC examples, split reads, literals of each kind, hostile input. */
class CommandDecoderTest {

    private static final ImapSettings SETTINGS = ImapSettings.defaults("imap.test");

    private final List<ImapRequest> opened = new ArrayList<>();

    @AfterEach
    void closeRequests() {
        opened.forEach(ImapRequest::close);
    }

    /** Feeds the bytes at once and collects every event. */
    private List<CommandDecoder.Event> decode(CommandDecoder d, String text) {
        return decode(d, text.getBytes(StandardCharsets.UTF_8), Integer.MAX_VALUE);
    }

    /** Feeds the bytes in pieces of {@code piece} octets, as reads would split them. */
    private List<CommandDecoder.Event> decode(CommandDecoder d, byte[] bytes, int piece) {
        List<CommandDecoder.Event> events = new ArrayList<>();
        ByteBuf in = Unpooled.buffer();
        try {
            for (int i = 0; i < bytes.length; i += piece) {
                in.writeBytes(bytes, i, Math.min(piece, bytes.length - i));
                CommandDecoder.Event e;
                while ((e = d.next(in)) != null) {
                    events.add(e);
                    if (e instanceof CommandDecoder.Command c) {
                        opened.add(c.request());
                    }
                }
                in.discardReadBytes();
            }
        } finally {
            in.release();
        }
        return events;
    }

    private ImapRequest command(CommandDecoder.Event e) {
        return assertInstanceOf(CommandDecoder.Command.class, e).request();
    }

    private static String text(ImapArg a) {
        return ImapArg.asString(a);
    }

    @Test
    void readsTheCommandsOfTheRfc3501SampleSession() {
        CommandDecoder d = new CommandDecoder(SETTINGS);
        List<CommandDecoder.Event> events = decode(d, """
                a001 login mrc secret\r
                a002 select inbox\r
                a003 fetch 12 full\r
                a004 fetch 12 body[header]\r
                a005 store 12 +flags \\deleted\r
                a006 logout\r
                """);
        assertEquals(6, events.size());
        ImapRequest login = command(events.get(0));
        assertEquals("a001", login.tag());
        assertEquals("LOGIN", login.name());
        assertEquals(List.of("mrc", "secret"), login.args().stream().map(CommandDecoderTest::text).toList());
        assertEquals(List.of("12", "body[header]"), command(events.get(3)).args().stream().map(CommandDecoderTest::text).toList());
        ImapRequest store = command(events.get(4));
        assertEquals("STORE", store.name());
        assertEquals(new ImapArg.Atom("\\deleted"), store.args().get(2));
        assertTrue(command(events.get(5)).args().isEmpty());
    }

    @Test
    void keepsAFetchAttributeWithSpacesAndParenthesesInBracketsAsOneAtom() {
        CommandDecoder d = new CommandDecoder(SETTINGS);
        ImapRequest r = command(decode(d, "a UID FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (From To)]<0.2048>)\r\n").get(0));
        ImapArg.ListArg items = assertInstanceOf(ImapArg.ListArg.class, r.args().get(2));
        assertEquals(List.of(new ImapArg.Atom("FLAGS"), new ImapArg.Atom("BODY.PEEK[HEADER.FIELDS (From To)]<0.2048>")),
                items.items());
    }

    @Test
    void readsQuotedStringsWithEscapedQuotesAndBackslashes() {
        CommandDecoder d = new CommandDecoder(SETTINGS);
        ImapRequest r = command(decode(d, "a LOGIN \"fred \\\"the\\\" \\\\user\" \"\"\r\n").get(0));
        assertEquals("fred \"the\" \\user", text(r.args().get(0)));
        assertEquals("", text(r.args().get(1)));
        assertFalse(((ImapArg.Str) r.args().get(0)).literal());
    }

    @Test
    void readsNilAndNestedLists() {
        CommandDecoder d = new CommandDecoder(SETTINGS);
        ImapRequest r = command(decode(d, "a ID (\"name\" NIL (x (y)))\r\n").get(0));
        ImapArg.ListArg list = (ImapArg.ListArg) r.args().get(0);
        assertInstanceOf(ImapArg.Nil.class, list.items().get(1));
        ImapArg.ListArg inner = (ImapArg.ListArg) list.items().get(2);
        assertEquals(new ImapArg.ListArg(List.of(new ImapArg.Atom("y"))), inner.items().get(1));
    }

    @Test
    void asksForASynchronizingLiteralOnlyAfterTheLineBeforeIt() {
        CommandDecoder d = new CommandDecoder(SETTINGS);
        List<CommandDecoder.Event> first = decode(d, "a LOGIN {3}\r\n");
        assertEquals(1, first.size());
        assertInstanceOf(CommandDecoder.Continue.class, first.get(0));
        List<CommandDecoder.Event> rest = decode(d, "bob {6}\r\n");
        assertInstanceOf(CommandDecoder.Continue.class, rest.get(0));
        ImapRequest r = command(decode(d, "secret\r\n").get(0));
        assertEquals(List.of("bob", "secret"), r.args().stream().map(CommandDecoderTest::text).toList());
        assertTrue(((ImapArg.Str) r.args().get(0)).literal());
        assertEquals(2, r.literals().size());
    }

    @Test
    void readsANonSynchronizingLiteralAtOnceAndAsksForASynchronizingLiteral8() {
        CommandDecoder d = new CommandDecoder(SETTINGS);
        List<CommandDecoder.Event> events = decode(d, "a APPEND INBOX {3+}\r\nabc ~{4}\r\n");
        assertEquals(1, events.size(), "the literal8 {4} is synchronizing: + comes first");
        assertInstanceOf(CommandDecoder.Continue.class, events.get(0));
        ImapRequest r = command(decode(d, "\0x\0y\r\n").get(0));
        assertEquals(2, r.literals().size());
        assertTrue(r.literals().get(1).isBinary());
        assertEquals(4, r.literals().get(1).size());
    }

    @Test
    void readsEverythingTheSameWhenEachByteArrivesAlone() throws IOException {
        String wire = "t1 APPEND \"Sent Items\" (\\Seen) \" 1-Jan-2026 10:00:00 +0000\" {11+}\r\nSubject: x\n"
                + " {5+}\r\nhello\r\nt2 FETCH 1 (BODY[HEADER.FIELDS (Subject)])\r\n";
        CommandDecoder d = new CommandDecoder(SETTINGS);
        List<CommandDecoder.Event> events = decode(d, wire.getBytes(StandardCharsets.UTF_8), 1);
        assertEquals(2, events.size());
        ImapRequest append = command(events.get(0));
        assertEquals("Sent Items", text(append.args().get(0)));
        assertEquals(" 1-Jan-2026 10:00:00 +0000", text(append.args().get(2)));
        try (InputStream in = append.literals().get(1).openStream()) {
            assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), in.readAllBytes());
        }
        assertEquals("FETCH", command(events.get(1)).name());
    }

    @Test
    void refusesAHugeSynchronizingLiteralBeforeReadingAnyOfIt() {
        CommandDecoder d = new CommandDecoder(SETTINGS);
        CommandDecoder.Rejected r = assertInstanceOf(CommandDecoder.Rejected.class,
                decode(d, "a LOGIN {2147483648}\r\n").get(0));
        assertEquals("a", r.tag());
        assertFalse(r.fatal());
        assertFalse(d.inCommand(), "the stream goes on with the next command");
        assertEquals("NOOP", command(decode(d, "b NOOP\r\n").get(0)).name());
    }

    @Test
    void refusesALiteralSizeTooLongToBeANumber() {
        CommandDecoder d = new CommandDecoder(SETTINGS);
        CommandDecoder.Rejected r = assertInstanceOf(CommandDecoder.Rejected.class,
                decode(d, "a LOGIN {99999999999999999999}\r\n").get(0));
        assertTrue(r.text().contains("TOOBIG"), r.text());
    }

    @Test
    void takesANegativeLiteralSizeForNoLiteralAndRefusesTheLine() {
        CommandDecoder d = new CommandDecoder(SETTINGS);
        CommandDecoder.Rejected r = assertInstanceOf(CommandDecoder.Rejected.class,
                decode(d, "a LOGIN {-1}\r\n").get(0));
        assertEquals("a", r.tag());
    }

    @Test
    void answersAppendOverTheLimitWithNoTooBig() {
        CommandDecoder d = new CommandDecoder(SETTINGS.toBuilder().appendLimit(4096).build());
        CommandDecoder.Rejected r = assertInstanceOf(CommandDecoder.Rejected.class,
                decode(d, "a APPEND INBOX {5000}\r\n").get(0));
        assertTrue(r.no());
        assertTrue(r.text().startsWith("[TOOBIG]"));
    }

    @Test
    void limitsAllMessagesOfOneMultiappendTogether() {
        CommandDecoder d = new CommandDecoder(SETTINGS.toBuilder().appendLimit(1024).build());
        StringBuilder wire = new StringBuilder("a APPEND INBOX");
        for (int i = 0; i < CommandDecoder.APPEND_TOTAL_FACTOR; i++) {
            wire.append(" {1000+}\r\n").append("m".repeat(1000));
        }
        wire.append(" {1000}\r\n");
        CommandDecoder.Rejected r = assertInstanceOf(CommandDecoder.Rejected.class, decode(d, wire.toString()).get(0));
        assertTrue(r.no());
        assertTrue(r.text().startsWith("[TOOBIG]"), r.text());
    }

    @Test
    void readsTheRfc9051AppendExample() {
        String message = "Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\nFrom: Fred Foobar <foobar@Blurdybloop.example>\r\n"
                + "Subject: afternoon meeting\r\nTo: mooch@owatagu.siam.edu.example\r\n"
                + "Message-Id: <B27397-0100000@Blurdybloop.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\r\nHello Joe, do you think we can meet at 3:30 tomorrow?\r\n";
        CommandDecoder d = new CommandDecoder(SETTINGS);
        List<CommandDecoder.Event> events = decode(d, "A003 APPEND saved-messages (\\Seen) {" + message.length() + "}\r\n");
        assertInstanceOf(CommandDecoder.Continue.class, events.get(0));
        ImapRequest r = command(decode(d, message + "\r\n").get(0));
        assertEquals("saved-messages", text(r.args().get(0)));
        assertEquals(new ImapArg.ListArg(List.of(new ImapArg.Atom("\\Seen"))), r.args().get(1));
        assertEquals(message, text(r.args().get(2)));
    }

    @Test
    void skipsAnOversizedNonSynchronizingLiteralAndThenRefusesTheCommand() {
        CommandDecoder d = new CommandDecoder(SETTINGS.toBuilder().literalLimit(1024).commandLiteralsLimit(1024).build());
        String wire = "a LOGIN {2000+}\r\n" + "x".repeat(2000) + " pw\r\nb NOOP\r\n";
        List<CommandDecoder.Event> events = decode(d, wire.getBytes(StandardCharsets.US_ASCII), 100);
        CommandDecoder.Rejected r = assertInstanceOf(CommandDecoder.Rejected.class, events.get(0));
        assertEquals("a", r.tag());
        assertFalse(r.fatal());
        assertEquals("NOOP", command(events.get(1)).name());
    }

    @Test
    void endsTheConnectionForANonSynchronizingLiteralTooLargeToSkip() {
        CommandDecoder d = new CommandDecoder(SETTINGS);
        CommandDecoder.Rejected r = assertInstanceOf(CommandDecoder.Rejected.class,
                decode(d, "a APPEND INBOX {2147483648+}\r\n").get(0));
        assertTrue(r.fatal());
    }

    @Test
    void refusesNonSynchronizingLiteralsOver4096UnderLiteralMinus() {
        CommandDecoder d = new CommandDecoder(SETTINGS.toBuilder().literalPlus(false).build());
        String wire = "a APPEND INBOX {5000+}\r\n" + "y".repeat(5000) + "\r\nb NOOP\r\n";
        List<CommandDecoder.Event> events = decode(d, wire);
        CommandDecoder.Rejected r = assertInstanceOf(CommandDecoder.Rejected.class, events.get(0));
        assertTrue(r.text().contains("4096"), r.text());
        assertEquals("NOOP", command(events.get(1)).name());
        assertEquals("APPEND", command(decode(d, "c APPEND INBOX {4096+}\r\n" + "z".repeat(4096) + "\r\n").get(0)).name());
    }

    @Test
    void skipsAOneMegabyteLineWithBoundedMemoryAndGoesOn() {
        CommandDecoder d = new CommandDecoder(SETTINGS);
        byte[] line = ("a LOGIN " + "x".repeat(1024 * 1024) + "\r\nb NOOP\r\n").getBytes(StandardCharsets.US_ASCII);
        List<CommandDecoder.Event> events = decode(d, line, 8192);
        CommandDecoder.Rejected r = assertInstanceOf(CommandDecoder.Rejected.class, events.get(0));
        assertEquals("a", r.tag());
        assertEquals("Command line too long", r.text());
        assertEquals("NOOP", command(events.get(1)).name());
    }

    @Test
    void refusesDeepNestingUnterminatedQuotesNulAndEightBitAtoms() {
        CommandDecoder d = new CommandDecoder(SETTINGS);
        assertRejected(d, "a ID " + "(".repeat(100) + ")".repeat(100) + "\r\n", "Lists nested too deeply");
        assertRejected(d, "a LOGIN \"open\r\n", "Unterminated quoted string");
        assertRejected(d, "a LOGIN a\0b c\r\n", "Control character in an atom");
        assertRejected(d, "a LOGIN b\u00f6b c\r\n", "8-bit octet in an atom");
        assertRejected(d, "a LOGIN \"\0\" c\r\n", "Invalid character in quoted string");
        assertRejected(d, "a LOGIN \"\\x\" c\r\n", "Invalid escape in quoted string");
        assertRejected(d, "a LOGIN (a\r\n", "Missing ')'");
        assertRejected(d, "a LOGIN a)\r\n", "Expected a space between arguments");
        assertRejected(d, "a LOGIN a  b\r\n", "Missing argument");
        assertRejected(d, "a LOGIN a \r\n", "Trailing space");
        assertRejected(d, "a FETCH 1 BODY[HEADER\r\n", "Missing ']'");
    }

    @Test
    void refusesTooManyArguments() {
        CommandDecoder d = new CommandDecoder(SETTINGS.toBuilder().argumentLimit(16).build());
        assertRejected(d, "a ID (" + "x ".repeat(20) + "y)\r\n", "Too many arguments");
    }

    @Test
    void allowsUtf8InQuotedStringsButNotMalformedUtf8() {
        CommandDecoder d = new CommandDecoder(SETTINGS);
        assertEquals("Ärger", text(command(decode(d, "a SELECT \"Ärger\"\r\n").get(0)).args().get(0)));
        byte[] bad = "a SELECT \"\u00ff\"\r\n".getBytes(StandardCharsets.ISO_8859_1);
        CommandDecoder.Rejected r = assertInstanceOf(CommandDecoder.Rejected.class, decode(d, bad, 100).get(0));
        assertEquals("Quoted string is not UTF-8", r.text());
    }

    @Test
    void answersUntaggedWhenNoTagCanBeRead() {
        CommandDecoder d = new CommandDecoder(SETTINGS);
        CommandDecoder.Rejected r = assertInstanceOf(CommandDecoder.Rejected.class, decode(d, "+x NOOP\r\n").get(0));
        assertNull(r.tag());
        r = assertInstanceOf(CommandDecoder.Rejected.class, decode(d, "\r\n").get(0));
        assertNull(r.tag());
    }

    @Test
    void spoolsLargeAppendLiteralsToAFileThatCloseDeletes() throws IOException {
        CommandDecoder d = new CommandDecoder(SETTINGS.toBuilder().spoolThreshold(1024).build());
        byte[] message = "m".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        String wire = "a APPEND INBOX {5000+}\r\n" + new String(message, StandardCharsets.US_ASCII) + "\r\n";
        ImapRequest r = command(decode(d, wire.getBytes(StandardCharsets.US_ASCII), 333).get(0));
        Literal literal = r.literals().get(0);
        assertTrue(literal.isSpooled());
        assertEquals(0, ((ImapArg.Str) r.args().get(1)).bytes().length, "a spooled literal is not in the argument");
        try (InputStream in = literal.openStream()) {
            assertArrayEquals(message, in.readAllBytes());
        }
        r.close();
        try {
            literal.openStream().close();
            throw new AssertionError("the spool file should be gone");
        } catch (IOException expected) {
            // the file is deleted
        }
    }

    @Test
    void keepsSmallAppendLiteralsInMemory() {
        CommandDecoder d = new CommandDecoder(SETTINGS);
        ImapRequest r = command(decode(d, "a APPEND INBOX {5+}\r\nhello\r\n").get(0));
        assertFalse(r.literals().get(0).isSpooled());
        assertEquals("hello", text(r.args().get(1)));
    }

    @Test
    void refusesANulInAPlainLiteralButNotInALiteral8() {
        CommandDecoder d = new CommandDecoder(SETTINGS);
        assertRejected(d, "a LOGIN {3+}\r\na\0b x\r\n", "NUL in a literal (use literal8)");
        assertEquals("LOGIN", command(decode(d, "a LOGIN ~{3+}\r\na\0b x\r\n").get(0)).name());
    }

    @Test
    void resetDropsACommandInProgress() {
        CommandDecoder d = new CommandDecoder(SETTINGS);
        assertInstanceOf(CommandDecoder.Continue.class, decode(d, "a LOGIN {5}\r\n").get(0));
        assertTrue(d.inCommand());
        d.reset();
        assertFalse(d.inCommand());
        assertEquals("NOOP", command(decode(d, "b NOOP\r\n").get(0)).name());
    }

    private void assertRejected(CommandDecoder d, String wire, String message) {
        List<CommandDecoder.Event> events = decode(d, wire);
        CommandDecoder.Rejected r = assertInstanceOf(CommandDecoder.Rejected.class, events.get(0), wire);
        assertEquals(message, r.text(), wire);
        assertEquals(1, events.size());
    }
}
