package org.postilion.connector.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postilion.connector.smtp.CommandLine.Problem;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Framing of command lines, on bytes: whole, split across reads, pipelined, too long, malformed. */
class CommandLineDecoderTest {

    private static final int LIMIT = 512;

    private final CommandLineDecoder decoder = new CommandLineDecoder(LIMIT);

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Every line the buffer holds now, as the channel handler takes them. */
    private List<CommandLine> drain(ByteBuf in) {
        List<CommandLine> lines = new ArrayList<>();
        for (CommandLine line = decoder.next(in); line != null; line = decoder.next(in)) {
            lines.add(line);
        }
        return lines;
    }

    /** Feeds the chunks one read at a time into one buffer, as the channel handler does, and drains after each. */
    private List<CommandLine> feed(ByteBuf in, byte[]... chunks) {
        List<CommandLine> lines = new ArrayList<>();
        for (byte[] chunk : chunks) {
            in.writeBytes(chunk);
            lines.addAll(drain(in));
            in.discardSomeReadBytes();
        }
        return lines;
    }

    private static CommandLine problem(Problem p) {
        return CommandLine.problem(p);
    }

    @Test
    void decodesSimpleLineWithoutItsCrlf() {
        ByteBuf in = ascii("EHLO client.example\r\n");

        assertEquals(CommandLine.of("EHLO client.example"), decoder.next(in));
        assertEquals(0, in.readableBytes());
        assertNull(decoder.next(in));
    }

    @Test
    void consumesNothingUntilTheLineEndArrives() {
        ByteBuf in = ascii("EHLO client.exa");

        assertNull(decoder.next(in));
        assertEquals(15, in.readableBytes());
    }

    @Test
    void decodesTheSameLinesWhateverByteTheInputIsSplitAt() {
        byte[] input = bytes("MAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\n\r\nDATA\r\n");
        List<CommandLine> expected = List.of(CommandLine.of("MAIL FROM:<a@b.example>"),
                CommandLine.of("RCPT TO:<c@d.example>"), CommandLine.of(""), CommandLine.of("DATA"));

        for (int split = 0; split <= input.length; split++) {
            CommandLineDecoder fresh = new CommandLineDecoder(LIMIT);
            ByteBuf in = Unpooled.buffer();
            List<CommandLine> lines = new ArrayList<>();
            for (byte[] chunk : List.of(Arrays.copyOfRange(input, 0, split), Arrays.copyOfRange(input, split, input.length))) {
                in.writeBytes(chunk);
                for (CommandLine l = fresh.next(in); l != null; l = fresh.next(in)) {
                    lines.add(l);
                }
            }
            assertEquals(expected, lines, "split at " + split);
            assertEquals(0, in.readableBytes(), "split at " + split);
        }
    }

    @Test
    void decodesLinesFedOneByteAtATime() {
        byte[] input = bytes("HELO x\r\nNOOP\r\nQUIT\r\n");
        byte[][] chunks = new byte[input.length][];
        for (int i = 0; i < input.length; i++) {
            chunks[i] = new byte[] {input[i]};
        }

        assertEquals(List.of(CommandLine.of("HELO x"), CommandLine.of("NOOP"), CommandLine.of("QUIT")),
                feed(Unpooled.buffer(), chunks));
    }

    @Test
    void decodesSeveralPipelinedLinesFromOneBufferAndKeepsThePartialRest() {
        ByteBuf in = ascii("MAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\nDATA\r\nSubj");

        assertEquals(List.of(CommandLine.of("MAIL FROM:<a@b.example>"), CommandLine.of("RCPT TO:<c@d.example>"),
                CommandLine.of("DATA")), drain(in));
        assertEquals("Subj", in.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void reportsBareLfAndDecodesTheNextLine() {
        ByteBuf in = ascii("QUIT\nNOOP\r\n\nRSET\r\n");

        assertEquals(List.of(problem(Problem.BARE_LF), CommandLine.of("NOOP"), problem(Problem.BARE_LF),
                CommandLine.of("RSET")), drain(in));
    }

    @Test
    void decodesLineWhoseCrEndsOneReadAndWhoseLfStartsTheNext() {
        ByteBuf in = Unpooled.buffer();

        assertEquals(List.of(), feed(in, bytes("NOOP\r")));
        assertEquals(List.of(CommandLine.of("NOOP")), feed(in, bytes("\nRS")));
        assertEquals("RS", in.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void acceptsLineOfExactlyTheLimit() {
        String line = "NOOP " + "x".repeat(LIMIT - 5);

        assertEquals(List.of(CommandLine.of(line)), drain(ascii(line + "\r\n")));
    }

    @Test
    void acceptsLineOfExactlyTheLimitWhenItsLfComesInTheNextRead() {
        String line = "NOOP " + "x".repeat(LIMIT - 5);

        assertEquals(List.of(CommandLine.of(line)), feed(Unpooled.buffer(), bytes(line + "\r"), bytes("\n")));
    }

    @Test
    void rejectsLineOneOctetOverTheLimitWithTooLong() {
        String line = "NOOP " + "x".repeat(LIMIT - 4);

        assertEquals(List.of(problem(Problem.TOO_LONG), CommandLine.of("NOOP")),
                drain(ascii(line + "\r\nNOOP\r\n")));
    }

    @Test
    void rejectsLineLongerThanLimitDeliveredInOnePieceOnceAndDecodesTheNextLine() {
        ByteBuf in = ascii("MAIL FROM:<" + "a".repeat(3 * LIMIT) + "@b.example>\r\nNOOP\r\n");

        assertEquals(List.of(problem(Problem.TOO_LONG), CommandLine.of("NOOP")), drain(in));
        assertEquals(0, in.readableBytes());
    }

    @Test
    void rejectsLineLongerThanLimitDeliveredInSmallPiecesOnceAndSkipsItsRest() {
        byte[] input = bytes("MAIL FROM:<" + "a".repeat(3 * LIMIT) + "@b.example>\r\nNOOP\r\n");
        for (int size : new int[] {1, 7, 100, LIMIT, LIMIT + 1, LIMIT + 2}) {
            CommandLineDecoder fresh = new CommandLineDecoder(LIMIT);
            ByteBuf in = Unpooled.buffer();
            List<CommandLine> lines = new ArrayList<>();
            for (int i = 0; i < input.length; i += size) {
                in.writeBytes(input, i, Math.min(size, input.length - i));
                for (CommandLine l = fresh.next(in); l != null; l = fresh.next(in)) {
                    lines.add(l);
                }
            }
            assertEquals(List.of(problem(Problem.TOO_LONG), CommandLine.of("NOOP")), lines, "pieces of " + size);
        }
    }

    @Test
    void holdsAtMostLimitPlusOneOctetsOfAOneMegabyteLineFedInOneKilobyteChunks() {
        int limit = SmtpSettings.LINE_LENGTH_LIMIT;
        CommandLineDecoder big = new CommandLineDecoder(limit);
        ByteBuf in = Unpooled.buffer();
        byte[] chunk = new byte[1024];
        Arrays.fill(chunk, (byte) 'x');
        List<CommandLine> lines = new ArrayList<>();
        int maxHeld = 0;

        for (int i = 0; i < 1024; i++) {
            in.writeBytes(chunk);
            for (CommandLine l = big.next(in); l != null; l = big.next(in)) {
                lines.add(l);
            }
            in.discardReadBytes();
            maxHeld = Math.max(maxHeld, in.readableBytes());
            assertTrue(in.readableBytes() <= limit + 1, "holds " + in.readableBytes() + " octets after chunk " + i);
        }
        in.writeBytes(bytes("\r\nNOOP\r\n"));
        for (CommandLine l = big.next(in); l != null; l = big.next(in)) {
            lines.add(l);
        }

        assertEquals(List.of(problem(Problem.TOO_LONG), CommandLine.of("NOOP")), lines);
        assertTrue(maxHeld > 0, "the first chunks are kept until the line is known to be too long");
        assertTrue(in.capacity() <= 4 * limit, "the buffer never grew to the line: capacity " + in.capacity());
    }

    @Test
    void rejectsNulInsideLineWithBadCharactersAndDecodesTheNextLine() {
        ByteBuf in = ascii("NOOP\0x\r\nNOOP\r\n");

        assertEquals(List.of(problem(Problem.BAD_CHARACTERS), CommandLine.of("NOOP")), drain(in));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"NOOP\rx\r\n", "\rNOOP\r\n", "NOOP\r\r\n"})
    void rejectsBareCrInsideLineWithBadCharacters(String input) {
        assertEquals(List.of(problem(Problem.BAD_CHARACTERS)), drain(ascii(input)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "c328",         // a lead octet followed by ASCII
        "80",           // a continuation octet alone
        "e282",         // a three-octet sequence cut short
        "c0af",         // an overlong '/'
        "eda080",       // a UTF-16 surrogate
        "f4908080",     // beyond U+10FFFF
        "ff"})          // never valid
    void rejectsOctetsThatAreNotUtf8WithBadCharacters(String hex) {
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(bytes("MAIL FROM:<"));
        in.writeBytes(HexFormat.of().parseHex(hex));
        in.writeBytes(bytes("@b.example>\r\nNOOP\r\n"));

        assertEquals(List.of(problem(Problem.BAD_CHARACTERS), CommandLine.of("NOOP")), drain(in));
    }

    @Test
    void decodesValidUtf8() {
        String line = "MAIL FROM:<jörg@exämple.org> \u4e2d\u6587 \ud83d\udce7";
        ByteBuf in = Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.UTF_8);

        assertEquals(List.of(CommandLine.of(line)), drain(in));
    }

    @Test
    void decodesValidUtf8SplitInsideAMultiOctetCharacter() {
        byte[] input = "NOOP \u00e9\u20ac\r\n".getBytes(StandardCharsets.UTF_8);
        for (int split = 5; split < input.length; split++) {
            CommandLineDecoder fresh = new CommandLineDecoder(LIMIT);
            ByteBuf in = Unpooled.buffer();
            in.writeBytes(input, 0, split);
            assertNull(fresh.next(in));
            in.writeBytes(input, split, input.length - split);
            assertEquals(CommandLine.of("NOOP \u00e9\u20ac"), fresh.next(in), "split at " + split);
        }
    }

    @Test
    void decodesEmptyLineAsEmptyText() {
        assertEquals(List.of(CommandLine.of(""), CommandLine.of("")), drain(ascii("\r\n\r\n")));
    }

    @Test
    void refusesLimitBelowTheMinimumOfRfc5321() {
        assertThrows(IllegalArgumentException.class, () -> new CommandLineDecoder(511));
    }
}
