package org.postilion.mailbox;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading a message's header at delivery, from well-formed, malformed, oversized and truncated input. */
class MessageSummaryTest {

    @Test
    void readsFromSubjectDateAndMessageId() {
        MessageSummary s = read("From: Alice <alice@example.net>\r\nSubject: Hello\r\n"
                + "Date: Sun, 22 Nov 2026 01:27:58 +0000\r\nMessage-ID: <1@example.net>\r\n\r\nbody\r\n");
        assertEquals("Alice <alice@example.net>", s.from());
        assertEquals("Hello", s.subject());
        assertEquals(Instant.parse("2026-11-22T01:27:58Z"), s.date());
        assertEquals("<1@example.net>", s.messageId());
    }

    @Test
    void decodesEncodedWordsAndUnfoldsLines() {
        MessageSummary s = read("Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n and more\r\nFrom: =?ISO-8859-1?B?SvxyZ2Vu?= <j@x.test>\r\n\r\n");
        assertEquals("Grüße and more", s.subject());
        assertEquals("Jürgen <j@x.test>", s.from());
    }

    @Test
    void takesTheFirstOfRepeatedFieldsAndIgnoresTheBody() {
        MessageSummary s = read("Subject: first\r\nSubject: second\r\n\r\nSubject: in the body\r\n");
        assertEquals("first", s.subject());
    }

    @Test
    void leavesUnreadableDatesEmpty() {
        assertNull(read("Date: yesterday-ish\r\n\r\n").date());
    }

    @Test
    void survivesAMessageWithoutHeaderOrBody() {
        MessageSummary s = read("");
        assertNull(s.from());
        assertNull(s.subject());
        assertNull(read("\r\n\r\njust a body").subject());
    }

    @Test
    void survivesATruncatedHeader() {
        assertEquals("cut", read("Subject: cut").subject());
        assertNull(read("Subj").subject());
    }

    @Test
    void cutsOversizedValuesAndStripsControlCharacters() {
        MessageSummary s = read("Subject: " + "x".repeat(1_000_000) + "\r\nFrom: a\u0000b\u0007c@x.test\r\n\r\n");
        assertEquals(MessageSummary.MAX_VALUE, s.subject().length());
        assertEquals("abc@x.test", s.from());
    }

    @Test
    void survivesThousandsOfHeaderFields() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            b.append("X-Junk-").append(i).append(": y\r\n");
        }
        b.append("Subject: late\r\n\r\n");
        assertEquals("late", read(b.toString()).subject());
    }

    @Test
    void survivesBinaryGarbage() {
        byte[] garbage = new byte[100_000];
        new java.util.Random(42).nextBytes(garbage);
        MessageSummary s = MessageSummary.read(new ByteArrayInputStream(garbage));
        assertTrue(s.subject() == null || s.subject().length() <= MessageSummary.MAX_VALUE);
    }

    @Test
    void stopsReadingAtTheEndOfTheHeader() {
        InputStream endless = new InputStream() {
            private final byte[] header = "Subject: s\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            private int pos;

            @Override
            public int read() {
                return pos < header.length ? header[pos++] : 'x';
            }
        };
        assertEquals("s", MessageSummary.read(endless).subject());
    }

    private static MessageSummary read(String message) {
        return MessageSummary.read(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
