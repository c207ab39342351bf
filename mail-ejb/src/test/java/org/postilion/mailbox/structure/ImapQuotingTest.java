package org.postilion.mailbox.structure;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Quoting as Dovecot's {@code test-imap-quote.c} expects it, and our UTF-8 literal lengths. */
class ImapQuotingTest {

    private static String nstring(String s) {
        StringBuilder out = new StringBuilder();
        ImapQuoting.nstring(out, s);
        return out.toString();
    }

    private static String forHumans(String s) {
        StringBuilder out = new StringBuilder();
        ImapQuoting.forHumans(out, s);
        return out.toString();
    }

    @Test
    void writesNilEmptyAndPlainStrings() {
        assertEquals("NIL", nstring(null));
        assertEquals("\"\"", nstring(""));
        assertEquals("\"NIL\"", nstring("NIL"), "a string NIL must not turn into the atom");
        assertEquals("\"ni\"", nstring("ni"));
        assertEquals("\"\u007f\"", nstring("\u007f"));
    }

    @Test
    void escapesUpToFourQuotedSpecialsThenSwitchesToALiteral() {
        assertEquals("\"\\\\\"", nstring("\\"));
        assertEquals("\"\\\\\\\\\\\\\\\\\"", nstring("\\\\\\\\"));
        assertEquals("{5}\r\n\\\\\\\\\\", nstring("\\\\\\\\\\"));
        assertEquals("\"\\\"\\\"\\\"\\\"\"", nstring("\"\"\"\""));
        assertEquals("{5}\r\n\"\"\"\"\"", nstring("\"\"\"\"\""));
    }

    @Test
    void sendsLineBreaksAndNonAsciiAsLiteralsCountingUtf8Octets() {
        assertEquals("{1}\r\n\r", nstring("\r"));
        assertEquals("{2}\r\n\r\n", nstring("\r\n"));
        assertEquals("{2}\r\n\u00e9", nstring("\u00e9"));
        assertEquals("{4}\r\n\ud83d\udce7", nstring("\ud83d\udce7"));
    }

    @Test
    void cleansTextForHumansAsDovecotDoes() {
        String[][] cases = {
            {"", "\"\""},
            {" ", "\"\""},
            {"  ", "\"\""},
            {"\t", "\"\""},
            {" \t ", "\"\""},
            {" foo", "{3}\r\nfoo"},
            {"\tfoo", "{3}\r\nfoo"},
            {"\t \tfoo", "{3}\r\nfoo"},
            {" foo ", "{3}\r\nfoo"},
            {" foo  \t  \t", "{3}\r\nfoo"},
            {"foo  bar", "{7}\r\nfoo bar"},
            {"foo bar", "\"foo bar\""},
            {"hello\"world", "{11}\r\nhello\"world"},
            {"hello\\world", "{11}\r\nhello\\world"},
            // Dovecot 2.3.19 shows a CR alone as a space (its library test of 2017 dropped it)
            {"hello\rworld", "{11}\r\nhello world"},
            {"line\r\n one", "{8}\r\nline one"},
            {"B\u00fcro", "{5}\r\nB\u00fcro"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], forHumans(c[0]), "for humans: [" + c[0] + "]");
        }
    }
}
