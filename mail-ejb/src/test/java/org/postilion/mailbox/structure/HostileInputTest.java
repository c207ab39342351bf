package org.postilion.mailbox.structure;

import org.junit.jupiter.api.Test;
import org.postilion.connector.spi.imap.MimePart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever a sender or an IMAP client hands us, parsing returns a valid IMAP structure with sound offsets, in
 * bounded time and memory, and throws nothing but the stream's IOException.
 *
 * <p>"Valid" is checked by {@link ImapGrammar} (RFC 9051 section 9, no CR/LF/NUL/8-bit in quoted strings, exact
 * literal lengths); "sound" by {@link #assertSound}: every part lies inside the message and inside its parent,
 * header before body, the first part is the whole message.
 */
class HostileInputTest {

    private static final String CRLF = "\r\n";
    private static final Duration QUICKLY = Duration.ofSeconds(10);

    @Test
    void boundsTenThousandNestedMultipartsAtTheNestingLimit() {
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            // "b1." is no prefix of "b10.": a boundary matches by prefix, as in Dovecot
            m.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append(".\"").append(CRLF).append(CRLF)
                    .append("--b").append(i).append('.').append(CRLF);
        }
        m.append(CRLF).append("innermost").append(CRLF);
        MessageStructure s = soundly(m.toString());
        assertEquals(MimeScanner.NESTING_LIMIT + 1, s.parts().size());
        MimePart deepest = s.parts().get(s.parts().size() - 1);
        assertEquals("application/octet-stream", deepest.contentType());
        assertEquals(MimeScanner.NESTING_LIMIT, deepest.section().split("\\.").length);
        assertEquals(m.length(), deepest.bodyEnd(), "the opaque part holds all the rest");
    }

    @Test
    void boundsTenThousandNestedMessages() {
        String m = (("Content-Type: message/rfc822" + CRLF + CRLF).repeat(10_000)) + "Subject: deep" + CRLF;
        MessageStructure s = soundly(m);
        assertTrue(s.parts().size() <= MimeScanner.NESTING_LIMIT + 2, "parts: " + s.parts().size());
        assertEquals("application/octet-stream", s.parts().get(s.parts().size() - 1).contentType());
    }

    @Test
    void keepsTheFirst64KibOfA200000CharacterHeaderLine() {
        String m = "Subject: " + "a".repeat(200_000) + CRLF + "From: x@y.test" + CRLF + CRLF + "body";
        MessageStructure s = soundly(m);
        assertEquals(m.length() - 4, s.headerSize());
        assertTrue(s.envelope().startsWith("(NIL \"" + "a".repeat(HeaderFields.VALUE_LIMIT) + "\" ((NIL NIL \"x\""),
                "the subject is cut at the value limit and the next field is still read");
    }

    @Test
    void readsAHundredThousandHeaderFieldsInBoundedTimeAndSpace() {
        StringBuilder m = new StringBuilder("Content-Type: text/html" + CRLF);
        for (int i = 0; i < 100_000; i++) {
            m.append("X-Filler-").append(i).append(": value ").append(i).append(CRLF);
            m.append("To: user").append(i).append("@example.test").append(CRLF);
            m.append("Content-Type: image/png").append(CRLF);
        }
        m.append(CRLF).append("body");
        MessageStructure s = soundly(m.toString());
        assertTrue(s.body().startsWith("(\"text\" \"html\""), "the first Content-Type counts: " + s.body());
        int addresses = s.envelope().split("\\(NIL NIL \"user").length - 1;
        assertTrue(addresses > 0 && addresses <= AddressParser.ADDRESS_LIMIT, "addresses kept: " + addresses);
        assertTrue(s.envelope().length() < 4 * HeaderFields.VALUE_LIMIT, "envelope length " + s.envelope().length());
    }

    @Test
    void streamsA64MibMessageOfLongLinesWithoutHoldingIt() throws IOException {
        byte[] head = ("Content-Type: multipart/mixed; boundary=b" + CRLF + CRLF + "--b" + CRLF + CRLF)
                .getBytes(StandardCharsets.US_ASCII);
        long bodyLength = 64L << 20;
        InputStream huge = new InputStream() {
            private long pos;

            @Override
            public int read() {
                if (pos >= head.length + bodyLength) {
                    return -1;
                }
                long i = pos++;
                if (i < head.length) {
                    return head[(int) i];
                }
                long j = i - head.length;
                // lines of 1 MiB that start like a boundary but are not one
                return j % (1 << 20) == (1 << 20) - 1 ? '\n' : j % (1 << 20) < 2 ? '-' : 'c';
            }
        };
        MessageStructure s = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> MessageStructure.parse(huge));
        assertEquals(head.length + bodyLength, s.size());
        assertEquals(64, MessageStructureTest.part(s, "1").lines());
        assertEquals(bodyLength, MessageStructureTest.part(s, "1").bodyEnd() - MessageStructureTest.part(s, "1")
                .bodyStart());
    }

    @Test
    void replacesNulAndInvalidBytesEverywhere() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            byte[] m = new byte[random.nextInt(2000)];
            random.nextBytes(m);
            soundly(m);
            // the same garbage behind plausible headers, so that it lands in kept fields
            byte[] framed = concat(("Subject: ").getBytes(StandardCharsets.US_ASCII), m);
            soundly(framed);
            soundly(concat(("From: \"").getBytes(StandardCharsets.US_ASCII), m));
            soundly(concat(("Content-Type: multipart/mixed; boundary=\"").getBytes(StandardCharsets.US_ASCII), m));
        }
    }

    @Test
    void survivesEveryTruncationOfANestedMessage() {
        byte[] m = NESTED.getBytes(StandardCharsets.UTF_8);
        for (int n = 0; n <= m.length; n++) {
            soundly(java.util.Arrays.copyOf(m, n));
        }
    }

    @Test
    void survivesRandomMutationsOfRealMessages() {
        Random random = new Random(7);
        List<byte[]> seeds = List.of(NESTED.getBytes(StandardCharsets.UTF_8),
                ("Content-Type: multipart/digest; boundary=d" + CRLF + CRLF + "--d" + CRLF + CRLF
                        + "From: \"A (x)\" <a@b>, G: c@d;" + CRLF + CRLF + "x" + CRLF + "--d--" + CRLF)
                        .getBytes(StandardCharsets.UTF_8));
        String[] tokens = {"\r\n", "\n", "--", "--b1", "--b1--", "--b2", "\r\n\r\n", "Content-Type: multipart/mixed;"
                + " boundary=b2\r\n", "Content-Type: message/rfc822\r\n", "\"", "\\", "(", ")", "<", ">", ":", ";",
                ",", "@", "=?utf-8?q?x?=", "\u0000", "\u00ff", "*0*=", "''"};
        for (int round = 0; round < 3000; round++) {
            byte[] m = seeds.get(random.nextInt(seeds.size())).clone();
            int edits = 1 + random.nextInt(8);
            for (int e = 0; e < edits; e++) {
                m = mutate(m, random, tokens);
            }
            soundly(m);
        }
    }

    @Test
    void handlesDeepCommentsAndQuotesInAddressesWithoutRecursion() {
        MessageStructure s = soundly("From: " + "(".repeat(60_000) + " a@b" + CRLF
                + "To: " + "\"".repeat(60_001) + CRLF
                + "Cc: " + "<".repeat(30_000) + "@".repeat(30_000) + CRLF + CRLF);
        ImapGrammar.checkEnvelope(s.envelope());
    }

    @Test
    void stopsMakingPartsAtThePartLimit() {
        StringBuilder m = new StringBuilder("Content-Type: multipart/mixed; boundary=b" + CRLF + CRLF);
        for (int i = 0; i < 20_000; i++) {
            m.append("--b").append(CRLF).append(CRLF).append(i).append(CRLF);
        }
        m.append("--b--").append(CRLF);
        MessageStructure s = soundly(m.toString());
        assertEquals(MimeScanner.PART_LIMIT, s.parts().size());
    }

    @Test
    void keepsAMegabyteOfHeaderFieldsPerMessageWhateverItsParts() {
        StringBuilder m = new StringBuilder("Content-Type: multipart/mixed; boundary=b" + CRLF + CRLF);
        String description = "Content-Description: " + "d".repeat(2000) + CRLF;
        for (int i = 0; i < 9_000; i++) {
            m.append("--b").append(CRLF).append(description).append(CRLF).append(i).append(CRLF);
        }
        m.append("--b--").append(CRLF);
        MessageStructure s = soundly(m.toString());
        assertEquals(9_001, s.parts().size(), "every part is still described");
        assertTrue(s.bodyStructure().length() < HeaderFields.MESSAGE_LIMIT + 9_001 * 100,
                "BODYSTRUCTURE of " + s.bodyStructure().length() + " characters for " + m.length() + " octets");
    }

    @Test
    void treatsAnOverlongBoundaryAsMissing() {
        String boundary = "x".repeat(MimeScanner.BOUNDARY_LIMIT + 1);
        MessageStructure s = soundly("Content-Type: multipart/mixed; boundary=" + boundary + CRLF + CRLF
                + "--" + boundary + CRLF + CRLF + "text" + CRLF + "--" + boundary + "--" + CRLF);
        assertEquals("((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0) \"mixed\")", s.body());
    }

    @Test
    void passesTheStreamsIoExceptionOnAndNothingElse() {
        InputStream failing = new InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ > 100) {
                    throw new IOException("disk gone");
                }
                return 'a';
            }
        };
        IOException e = assertThrows(IOException.class, () -> MessageStructure.parse(failing));
        assertEquals("disk gone", e.getMessage());
    }

    // ------------------------------------------------------------------ helpers

    static final String NESTED = "From: \"Fwd\" <fwd@x.test>" + CRLF
            + "Content-Type: multipart/mixed; boundary=b1" + CRLF + CRLF
            + "--b1" + CRLF + "Content-Type: text/plain; charset=\"utf-8\"" + CRLF + CRLF + "hi" + CRLF
            + "--b1" + CRLF + "Content-Type: message/rfc822" + CRLF + CRLF
            + "Subject: inner" + CRLF + "To: G: a@b, c@d;" + CRLF
            + "Content-Type: multipart/alternative; boundary=b2" + CRLF + CRLF
            + "--b2" + CRLF + CRLF + "plain" + CRLF
            + "--b2" + CRLF + "Content-Type: text/html" + CRLF + CRLF + "<b>x</b>" + CRLF
            + "--b2--" + CRLF
            + "--b1" + CRLF + "Content-Type: application/octet-stream; name*0=a; name*1*=%41" + CRLF
            + "Content-Transfer-Encoding: base64" + CRLF + CRLF + "AAAA" + CRLF
            + "--b1--" + CRLF + "epilogue" + CRLF;

    private static MessageStructure soundly(String message) {
        return soundly(message.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageStructure soundly(byte[] message) {
        MessageStructure s = assertTimeoutPreemptively(QUICKLY, () -> MessageStructure.parse(message));
        assertSound(message, s);
        return s;
    }

    /** The output is valid IMAP and every part lies where it must. */
    static void assertSound(byte[] message, MessageStructure s) {
        ImapGrammar.checkEnvelope(s.envelope());
        ImapGrammar.checkBody(s.body(), false);
        ImapGrammar.checkBody(s.bodyStructure(), true);
        assertEquals(message.length, s.size());
        List<MimePart> parts = s.parts();
        MimePart root = parts.get(0);
        assertEquals("", root.section());
        assertEquals(0, root.headerStart());
        assertEquals(s.headerSize(), root.bodyStart());
        assertEquals(message.length, root.bodyEnd());
        Map<String, MimePart> bySection = new HashMap<>();
        for (MimePart p : parts) {
            assertTrue(bySection.put(p.section(), p) == null, "duplicate section " + p.section());
            assertTrue(0 <= p.headerStart() && p.headerStart() <= p.bodyStart() && p.bodyStart() <= p.bodyEnd()
                    && p.bodyEnd() <= message.length, "offsets of " + p);
            if (p.isMessage()) {
                assertTrue(p.bodyStart() <= p.innerBodyStart() && p.innerBodyStart() <= p.bodyEnd(), "inner " + p);
            } else {
                assertEquals(-1, p.innerBodyStart());
            }
            if (!p.section().isEmpty()) {
                int dot = p.section().lastIndexOf('.');
                MimePart parent = bySection.get(dot < 0 ? "" : p.section().substring(0, dot));
                assertTrue(parent != null, "parent of " + p.section() + " listed before it");
                // part 1 of a message that is not multipart is the message itself
                long from = parent.section().isEmpty() && !parent.isMultipart() ? parent.headerStart()
                        : parent.bodyStart();
                assertTrue(from <= p.headerStart() && p.bodyEnd() <= parent.bodyEnd(),
                        p + " inside " + parent);
            }
        }
    }

    private static byte[] mutate(byte[] m, Random random, String[] tokens) {
        int at = m.length == 0 ? 0 : random.nextInt(m.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (random.nextInt(4)) {
            case 0 -> { // insert a token
                out.write(m, 0, at);
                out.writeBytes(tokens[random.nextInt(tokens.length)].getBytes(StandardCharsets.UTF_8));
                out.write(m, at, m.length - at);
            }
            case 1 -> { // delete a range
                int end = Math.min(m.length, at + random.nextInt(40));
                out.write(m, 0, at);
                out.write(m, end, m.length - end);
            }
            case 2 -> { // duplicate a range
                int end = Math.min(m.length, at + random.nextInt(200));
                out.write(m, 0, end);
                out.write(m, at, m.length - at);
            }
            default -> { // flip a byte
                out.writeBytes(m);
                byte[] b = out.toByteArray();
                if (b.length > 0) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
                return b;
            }
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
