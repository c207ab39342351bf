package org.postilion.connector.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Message data after DATA, on bytes: dot-unstuffing, the end-of-data line, bare line ends, the size limit. */
class DataDecoderTest {

    private static final long NO_LIMIT = Long.MAX_VALUE;

    /** What decoding some input gave: the data, whether it ended, what was left of the input, the findings. */
    record Decoded(String data, boolean ended, String rest, long size, boolean sizeExceeded, boolean bareNewline) {
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Decodes the chunks one read at a time, as the channel handler does, until the data ended. */
    private static Decoded decode(long maxSize, List<byte[]> chunks) {
        DataDecoder decoder = new DataDecoder(maxSize);
        ByteBuf in = Unpooled.buffer();
        ByteBuf out = Unpooled.buffer();
        boolean ended = false;
        for (byte[] chunk : chunks) {
            in.writeBytes(chunk);
            if (!ended) {
                ended = decoder.decode(in, out);
                if (!ended) {
                    assertEquals(0, in.readableBytes(), "the decoder keeps nothing of the input until the end");
                }
            }
        }
        return new Decoded(out.toString(StandardCharsets.ISO_8859_1), ended, in.toString(StandardCharsets.ISO_8859_1),
                decoder.size(), decoder.sizeExceeded(), decoder.sawBareNewline());
    }

    private static Decoded decode(String input) {
        return decode(NO_LIMIT, List.of(bytes(input)));
    }

    @Test
    void removesOneDotFromALineThatBeginsWithTwo() {
        Decoded d = decode("..\r\n..hidden\r\n...three\r\n.\r\n");

        assertEquals(".\r\n.hidden\r\n..three\r\n", d.data());
        assertTrue(d.ended());
    }

    @Test
    void removesTheLeadingDotWhateverFollowsIt() {
        // RFC 5321 section 4.5.2: "the first character is deleted", not only before another dot
        assertEquals("x\r\n y\r\n", decode(".x\r\n. y\r\n.\r\n").data());
    }

    @Test
    void keepsDotsThatDoNotBeginALine() {
        assertEquals("a.b\r\nc.\r\n x\r\n .\r\n", decode("a.b\r\nc.\r\n x\r\n .\r\n.\r\n").data());
    }

    @Test
    void findsTheEndMarkerAndLeavesTheFollowingBytesInTheInput() {
        Decoded d = decode("Subject: hi\r\n\r\nbody\r\n.\r\nQUIT\r\n");

        assertTrue(d.ended());
        assertEquals("Subject: hi\r\n\r\nbody\r\n", d.data());
        assertEquals("QUIT\r\n", d.rest());
        assertEquals(21, d.size());
        assertFalse(d.bareNewline());
        assertFalse(d.sizeExceeded());
    }

    @Test
    void doesNotEndWithoutTheEndMarker() {
        Decoded d = decode("Subject: hi\r\n\r\nbody\r\n.");

        assertFalse(d.ended());
        assertEquals("Subject: hi\r\n\r\nbody\r\n", d.data());
    }

    @Test
    void endsAnEmptyMessageAtOnce() {
        Decoded d = decode(".\r\nNOOP\r\n");

        assertTrue(d.ended());
        assertEquals("", d.data());
        assertEquals(0, d.size());
        assertEquals("NOOP\r\n", d.rest());
    }

    @Test
    void decodesTheSameWhateverTwoPlacesTheInputIsSplitAt() {
        byte[] input = bytes("From: a\r\n\r\n..x\r\n.y\r\nz.\r\n\r\n..\r\n.\r\nQUIT\r\n");
        Decoded whole = decode(NO_LIMIT, List.of(input));
        assertEquals(new Decoded("From: a\r\n\r\n.x\r\ny\r\nz.\r\n\r\n.\r\n", true, "QUIT\r\n", 27, false, false),
                whole);

        for (int i = 0; i <= input.length; i++) {
            for (int j = i; j <= input.length; j++) {
                Decoded split = decode(NO_LIMIT, List.of(Arrays.copyOfRange(input, 0, i),
                        Arrays.copyOfRange(input, i, j), Arrays.copyOfRange(input, j, input.length)));
                assertEquals(whole, split, "split at " + i + " and " + j);
            }
        }
    }

    @Test
    void decodesTheSameWhenFedOneByteAtATime() {
        byte[] input = bytes("a\nb\r\n.\rc\r\n..\r\n.\r\n");
        List<byte[]> chunks = new ArrayList<>();
        for (byte b : input) {
            chunks.add(new byte[] {b});
        }

        assertEquals(decode(NO_LIMIT, List.of(input)), decode(NO_LIMIT, chunks));
    }

    @Test
    void passesABareLfThroughAndReportsIt() {
        Decoded d = decode("a\nb\r\n.\r\n");

        assertTrue(d.ended());
        assertTrue(d.bareNewline());
        assertEquals("a\nb\r\n", d.data());
    }

    @Test
    void passesABareCrThroughAndReportsIt() {
        Decoded d = decode("a\rb\r\n.\r\n");

        assertTrue(d.ended());
        assertTrue(d.bareNewline());
        assertEquals("a\rb\r\n", d.data());
    }

    @Test
    void reportsNoBareLineEndInDataWithOnlyCrlf() {
        assertFalse(decode("a\r\n\r\nb\r\n.\r\n").bareNewline());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "LF . CR LF | \\n.\\r\\n",
        "CR . LF    | \\r.\\n",
        "LF . LF    | \\n.\\n",
        "CR LF . LF | \\r\\n.\\n",
        "CR . CR LF | \\r.\\r\\n",
        "LF . CR    | \\n.\\r"})
    void doesNotEndTheDataAtALoneDotBetweenBareLineEnds(String name, String escaped) {
        String marker = escaped.replace("\\r", "\r").replace("\\n", "\n");
        DataDecoder decoder = new DataDecoder(NO_LIMIT);
        ByteBuf in = Unpooled.copiedBuffer("hello" + marker + "MAIL FROM:<ceo@example.com>\r\n",
                StandardCharsets.ISO_8859_1);
        ByteBuf out = Unpooled.buffer();

        assertFalse(decoder.decode(in, out), name + " ended the data");
        assertEquals(0, in.readableBytes(), "the smuggled command was read as data");
        assertTrue(decoder.sawBareNewline());
        assertTrue(out.toString(StandardCharsets.ISO_8859_1).contains("MAIL FROM:<ceo@example.com>\r\n"));

        in.writeBytes(bytes(".\r\nNOOP\r\n"));
        assertTrue(decoder.decode(in, out), "only CRLF.CRLF ends the data");
        assertEquals("NOOP\r\n", in.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void endsTheDataOnlyAtCrLfDotCrLf() {
        Decoded d = decode("hello\r\n.\r\n");

        assertTrue(d.ended());
        assertEquals("hello\r\n", d.data());
    }

    @Test
    void keepsOutputToTheLimitButCountsAndStillFindsTheEnd() {
        Decoded d = decode(10, List.of(bytes("0123456789abcdef\r\n..x\r\n.\r\nQUIT\r\n")));

        assertTrue(d.ended());
        assertEquals("0123456789", d.data());
        assertEquals(22, d.size(), "16 + CRLF + .x + CRLF after unstuffing");
        assertTrue(d.sizeExceeded());
        assertEquals("QUIT\r\n", d.rest());
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {0, 1, 4, 5, 6, 7, 8})
    void truncatesAtTheLimitWhereverItFalls(int limit) {
        String data = "abcd\r\nef\r\n";
        Decoded d = decode(limit, List.of(bytes(data + ".\r\n")));

        assertEquals(data.substring(0, limit), d.data());
        assertEquals(data.length(), d.size());
        assertTrue(d.sizeExceeded());
        assertTrue(d.ended());
    }

    @Test
    void doesNotExceedTheLimitWithMessageOfExactlyTheLimit() {
        Decoded d = decode(10, List.of(bytes("abcdefgh\r\n.\r\n")));

        assertEquals("abcdefgh\r\n", d.data());
        assertEquals(10, d.size());
        assertFalse(d.sizeExceeded());
    }

    @Test
    void passesAOneMegabyteLineThroughWithoutKeepingItsInput() {
        DataDecoder decoder = new DataDecoder(NO_LIMIT);
        ByteBuf in = Unpooled.buffer();
        ByteBuf out = Unpooled.buffer();
        byte[] chunk = new byte[1024];
        Arrays.fill(chunk, (byte) 'x');

        for (int i = 0; i < 1024; i++) {
            in.writeBytes(chunk);
            assertFalse(decoder.decode(in, out));
            assertEquals(0, in.readableBytes(), "input left after chunk " + i);
            in.discardReadBytes();
        }
        in.writeBytes(bytes("\r\n.\r\n"));

        assertTrue(decoder.decode(in, out));
        assertEquals(1024 * 1024 + 2, out.readableBytes());
        assertEquals(1024 * 1024 + 2, decoder.size());
        assertFalse(decoder.sawBareNewline());
        assertTrue(in.capacity() <= 4096, "the input buffer never grew with the line: " + in.capacity());
    }

    @Test
    void keepsNoMoreThanTheLimitOfAOneMegabyteLine() {
        int limit = 65536;
        DataDecoder decoder = new DataDecoder(limit);
        ByteBuf in = Unpooled.buffer();
        ByteBuf out = Unpooled.buffer();
        byte[] chunk = new byte[1024];
        Arrays.fill(chunk, (byte) 'x');

        for (int i = 0; i < 1024; i++) {
            in.writeBytes(chunk);
            assertFalse(decoder.decode(in, out));
            assertTrue(out.readableBytes() <= limit);
            in.discardReadBytes();
        }
        in.writeBytes(bytes("\r\n.\r\n"));

        assertTrue(decoder.decode(in, out));
        assertEquals(limit, out.readableBytes());
        assertEquals(1024 * 1024 + 2, decoder.size());
        assertTrue(decoder.sizeExceeded());
    }
}
