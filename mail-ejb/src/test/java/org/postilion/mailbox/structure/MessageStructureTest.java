package org.postilion.mailbox.structure;

import org.junit.jupiter.api.Test;
import org.postilion.connector.spi.imap.MimePart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What delivery stores of a message: the RFC examples, the common shapes of mail, section numbers and offsets.
 * Offsets are checked the way FETCH will use them: slicing the message's bytes must give exactly the part's
 * header and body.
 */
class MessageStructureTest {

    private static final String CRLF = "\r\n";

    // ------------------------------------------------------------------ RFC examples

    /** RFC 3501 section 7.4.2 (and RFC 9051 section 7.5.2): the FETCH example's ENVELOPE and BODY. */
    @Test
    void reproducesTheRfc3501FetchExample() {
        String message = "Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)" + CRLF
                + "From: Terry Gray <gray@cac.washington.edu>" + CRLF
                + "Subject: IMAP4rev1 WG mtg summary and minutes" + CRLF
                + "To: imap@cac.washington.edu" + CRLF
                + "cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>" + CRLF
                + "Message-Id: <B27397-0100000@cac.washington.edu>" + CRLF
                + "MIME-Version: 1.0" + CRLF
                + "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII" + CRLF
                + "Content-Transfer-Encoding: 7BIT" + CRLF
                + CRLF
                + lines(92, 3028);
        MessageStructure s = parse(message);
        assertEquals("(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\""
                + " ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\"))"
                + " ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\"))"
                + " ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\"))"
                + " ((NIL NIL \"imap\" \"cac.washington.edu\"))"
                + " ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\"))"
                + " NIL NIL \"<B27397-0100000@cac.washington.edu>\")", s.envelope());
        assertEquals("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92)", s.body());
        assertEquals("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92 NIL NIL NIL NIL)",
                s.bodyStructure());
    }

    /** RFC 3501 section 7.4.2, BODYSTRUCTURE: the multipart example (a text and a base64 compiler diff). */
    @Test
    void reproducesTheRfc3501MultipartExample() {
        String message = "Content-Type: MULTIPART/MIXED; BOUNDARY=\"x\"" + CRLF + CRLF
                + "--x" + CRLF
                + "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII" + CRLF
                + "Content-Transfer-Encoding: 7BIT" + CRLF + CRLF
                + lines(23, 1152) + CRLF
                + "--x" + CRLF
                + "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII; NAME=cc.diff" + CRLF
                + "Content-ID: <960723163407.20117h@cac.washington.edu>" + CRLF
                + "Content-Description: Compiler diff" + CRLF
                + "Content-Transfer-Encoding: BASE64" + CRLF + CRLF
                + lines(73, 4554) + CRLF
                + "--x--" + CRLF;
        assertEquals("((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 1152 23)"
                + "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\" \"NAME\" \"cc.diff\")"
                + " \"<960723163407.20117h@cac.washington.edu>\" \"Compiler diff\" \"BASE64\" 4554 73) \"MIXED\")",
                parse(message).body());
    }

    // ------------------------------------------------------------------ common shapes

    @Test
    void describesASimpleTextMessageAsItsOwnPartOne() {
        String header = "From: a@example.test" + CRLF + "Subject: hi" + CRLF + CRLF;
        String message = header + "hello" + CRLF + "world" + CRLF;
        MessageStructure s = parse(message);
        assertEquals(header.length(), s.headerSize());
        assertEquals(message.length(), s.size());
        assertEquals("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 14 2)", s.body());
        List<MimePart> parts = s.parts();
        assertEquals(List.of("", "1"), sections(parts));
        for (MimePart p : parts) {
            assertEquals("text/plain", p.contentType());
            assertEquals("7bit", p.transferEncoding());
            assertEquals(2, p.lines());
            assertEquals(-1, p.innerBodyStart());
            assertSlices(message, p, header, "hello\r\nworld\r\n");
        }
    }

    @Test
    void splitsMultipartAlternativeAtItsBoundaries() {
        String plainHeader = "Content-Type: text/plain; charset=utf-8" + CRLF
                + "Content-Transfer-Encoding: quoted-printable" + CRLF + CRLF;
        String htmlHeader = "Content-Type: text/html; charset=utf-8" + CRLF + CRLF;
        String message = "Content-Type: multipart/alternative; boundary=\"==b==\"" + CRLF + CRLF
                + "preamble" + CRLF
                + "--==b==" + CRLF + plainHeader + "Gr=C3=BC=C3=9Fe" + CRLF
                + "--==b==  " + CRLF + htmlHeader + "<p>hi</p>" + CRLF + CRLF
                + "--==b==--" + CRLF + "epilogue" + CRLF;
        MessageStructure s = parse(message);
        assertEquals("((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 15 0)"
                + "(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 11 1) \"alternative\")", s.body());
        assertEquals(List.of("", "1", "2"), sections(s.parts()));
        MimePart root = s.parts().get(0);
        assertEquals("multipart/alternative", root.contentType());
        assertEquals(0, root.headerStart());
        assertEquals(message.length(), root.bodyEnd());
        assertSlices(message, s.parts().get(1), plainHeader, "Gr=C3=BC=C3=9Fe");
        assertEquals("quoted-printable", s.parts().get(1).transferEncoding());
        assertSlices(message, s.parts().get(2), htmlHeader, "<p>hi</p>" + CRLF);
        assertEquals("text/html", s.parts().get(2).contentType());
        assertEquals(1, s.parts().get(2).lines());
    }

    @Test
    void describesAMixedMessageWithABase64AttachmentNamedInRfc2231() {
        String attachmentHeader = "Content-Type: application/pdf;" + CRLF
                + " name*0*=utf-8''r%C3%A9sum%C3%A9;" + CRLF
                + " name*1=\".pdf\"" + CRLF
                + "Content-Transfer-Encoding: BASE64" + CRLF
                + "Content-Disposition: attachment; filename*=utf-8''r%C3%A9sum%C3%A9.pdf" + CRLF + CRLF;
        String message = "Content-Type: multipart/mixed; boundary=b" + CRLF + CRLF
                + "--b" + CRLF + CRLF + "see attached" + CRLF
                + "--b" + CRLF + attachmentHeader + "JVBERi0xLjQK" + CRLF + "JSVFT0YK" + CRLF
                + "--b--" + CRLF;
        MessageStructure s = parse(message);
        assertEquals("((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 12 0 NIL NIL NIL NIL)"
                + "(\"application\" \"pdf\" (\"name*\" \"utf-8''r%C3%A9sum%C3%A9.pdf\") NIL NIL \"BASE64\" 22"
                + " NIL (\"attachment\" (\"filename*\" \"utf-8''r%C3%A9sum%C3%A9.pdf\")) NIL NIL)"
                + " \"mixed\" (\"boundary\" \"b\") NIL NIL NIL)", s.bodyStructure());
        MimePart attachment = s.parts().get(2);
        assertEquals("2", attachment.section());
        assertEquals("application/pdf", attachment.contentType());
        assertEquals("base64", attachment.transferEncoding());
        assertEquals(0, attachment.lines(), "only text and message parts count lines");
        assertSlices(message, attachment, attachmentHeader, "JVBERi0xLjQK\r\nJSVFT0YK");
    }

    @Test
    void numbersTheSectionsOfAForwardedMessageAndLocatesItsHeader() {
        String innerHeader = "From: orig@example.test" + CRLF + "Subject: inner" + CRLF
                + "Content-Type: multipart/alternative; boundary=in" + CRLF + CRLF;
        String inner1Header = "Content-Type: text/plain" + CRLF + CRLF;
        String inner2Header = "Content-Type: text/html" + CRLF + CRLF;
        String innerBody = "--in" + CRLF + inner1Header + "plain" + CRLF
                + "--in" + CRLF + inner2Header + "<b>html</b>" + CRLF + "--in--";
        String rfc822Header = "Content-Type: message/rfc822" + CRLF + CRLF;
        String simpleHeader = "Subject: simple" + CRLF + CRLF;
        String message = "Subject: Fwd" + CRLF + "Content-Type: multipart/mixed; boundary=out" + CRLF + CRLF
                + "--out" + CRLF + CRLF + "see below" + CRLF
                + "--out" + CRLF + rfc822Header + innerHeader + innerBody + CRLF
                + "--out" + CRLF + rfc822Header + simpleHeader + "just text" + CRLF
                + "--out--" + CRLF;
        MessageStructure s = parse(message);
        assertEquals(List.of("", "1", "2", "2.1", "2.2", "3", "3.1"), sections(s.parts()));

        MimePart forwarded = part(s, "2");
        assertEquals("message/rfc822", forwarded.contentType());
        assertSlices(message, forwarded, rfc822Header, innerHeader + innerBody);
        // BODY[2.HEADER] and BODY[2.TEXT]
        assertEquals(innerHeader, slice(message, forwarded.bodyStart(), forwarded.innerBodyStart()));
        assertEquals(innerBody, slice(message, forwarded.innerBodyStart(), forwarded.bodyEnd()));
        assertEquals((innerHeader + innerBody).chars().filter(c -> c == '\n').count(), forwarded.lines());

        assertSlices(message, part(s, "2.1"), inner1Header, "plain");
        assertSlices(message, part(s, "2.2"), inner2Header, "<b>html</b>");
        assertEquals("text/html", part(s, "2.2").contentType());

        // an enclosed message that is not multipart is its own part 1: BODY[3.1] is its text
        MimePart simple = part(s, "3.1");
        assertSlices(message, simple, simpleHeader, "just text");
        assertEquals(part(s, "3").innerBodyStart(), simple.bodyStart());

        assertTrue(s.bodyStructure().contains("(NIL \"inner\" ((NIL NIL \"orig\" \"example.test\"))"),
                s.bodyStructure());
        assertEquals(8, ImapGrammar.checkBody(s.bodyStructure(), true),
                "bodies in the BODYSTRUCTURE: the listed parts and the enclosed multipart");
    }

    @Test
    void locatesANestedMultipartWithItsOwnHeaderAndItsPartsAsBody() {
        String altHeader = "Content-Type: multipart/alternative; boundary=in" + CRLF + CRLF;
        String altBody = "--in" + CRLF + CRLF + "plain" + CRLF + "--in" + CRLF
                + "Content-Type: text/html" + CRLF + CRLF + "<p>x</p>" + CRLF + "--in--";
        String message = "Content-Type: multipart/mixed; boundary=out" + CRLF + CRLF
                + "--out" + CRLF + altHeader + altBody + CRLF
                + "--out" + CRLF + "Content-Type: image/png" + CRLF + CRLF + "PNG" + CRLF
                + "--out--" + CRLF;
        MessageStructure s = parse(message);
        assertEquals(List.of("", "1", "1.1", "1.2", "2"), sections(s.parts()));
        assertSlices(message, part(s, "1"), altHeader, altBody);
        assertEquals("multipart/alternative", part(s, "1").contentType());
        assertSlices(message, part(s, "1.1"), CRLF, "plain");
        assertSlices(message, part(s, "2"), "Content-Type: image/png" + CRLF + CRLF, "PNG");
    }

    @Test
    void treatsUntypedPartsOfADigestAsMessages() {
        String message = "Content-Type: multipart/digest; boundary=d" + CRLF + CRLF
                + "--d" + CRLF + CRLF + "Subject: one" + CRLF + CRLF + "first" + CRLF
                + "--d" + CRLF + "Content-Type: text/plain" + CRLF + CRLF + "second" + CRLF
                + "--d--" + CRLF;
        MessageStructure s = parse(message);
        assertEquals(List.of("", "1", "1.1", "2"), sections(s.parts()));
        assertEquals("message/rfc822", part(s, "1").contentType());
        assertEquals("text/plain", part(s, "1.1").contentType());
        assertEquals("text/plain", part(s, "2").contentType());
        assertTrue(s.body().startsWith("((\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 21 (NIL \"one\" NIL"),
                s.body());
    }

    // ------------------------------------------------------------------ envelope details

    @Test
    void writesGroupsAsStartAndEndMarkers() {
        MessageStructure s = parse("To: Team: a@x.test, \"B\" <b@x.test>;, c@x.test" + CRLF
                + "Cc: undisclosed-recipients:;" + CRLF + CRLF);
        assertEquals("(NIL NIL NIL NIL NIL"
                + " ((NIL NIL \"Team\" NIL)(NIL NIL \"a\" \"x.test\")(\"B\" NIL \"b\" \"x.test\")(NIL NIL NIL NIL)"
                + "(NIL NIL \"c\" \"x.test\"))"
                + " ((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) NIL NIL NIL)", s.envelope());
    }

    @Test
    void defaultsSenderAndReplyToToFrom() {
        MessageStructure s = parse("From: A <a@x.test>" + CRLF + "Reply-To: r@x.test" + CRLF + CRLF);
        assertEquals("(NIL NIL ((\"A\" NIL \"a\" \"x.test\")) ((\"A\" NIL \"a\" \"x.test\"))"
                + " ((NIL NIL \"r\" \"x.test\")) NIL NIL NIL NIL NIL)", s.envelope());
    }

    @Test
    void sendsNamesWithQuotesOrBackslashesAsLiteralsAndEscapesThemElsewhere() {
        MessageStructure s = parse("From: \"Ann \\\"Boss\\\" \\\\ O'Neil\" <ann@x.test>" + CRLF
                + "Message-ID: <\"q\"\\x@y>" + CRLF
                + "In-Reply-To: <\"\"\"\"\"@y>" + CRLF + CRLF);
        String name = "Ann \"Boss\" \\ O'Neil";
        assertTrue(s.envelope().startsWith("(NIL NIL (({" + name.length() + "}\r\n" + name + " NIL \"ann\""),
                s.envelope());
        // an nstring field is quoted with escapes, up to four of them; beyond, a literal is shorter
        assertTrue(s.envelope().endsWith(" {9}\r\n<\"\"\"\"\"@y> \"<\\\"q\\\"\\\\x@y>\")"), s.envelope());
        ImapGrammar.checkEnvelope(s.envelope());
    }

    @Test
    void sendsAFoldedSubjectAsALiteralWithoutItsLineBreaks() {
        MessageStructure s = parse("Subject: first line" + CRLF + "\tsecond  line" + CRLF + CRLF);
        assertEquals("(NIL {22}\r\nfirst line second line NIL NIL NIL NIL NIL NIL NIL NIL)", s.envelope());
    }

    @Test
    void keepsEncodedWordsRawAndUtf8InLiterals() {
        MessageStructure s = parse("Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=" + CRLF
                + "From: J\u00fcrgen <j@x.test>" + CRLF + CRLF);
        assertEquals("(NIL \"=?utf-8?q?Gr=C3=BC=C3=9Fe?=\" (({7}\r\nJ\u00fcrgen NIL \"j\" \"x.test\"))"
                + " (({7}\r\nJ\u00fcrgen NIL \"j\" \"x.test\")) (({7}\r\nJ\u00fcrgen NIL \"j\" \"x.test\"))"
                + " NIL NIL NIL NIL NIL)", s.envelope());
    }

    @Test
    void replacesInvalidUtf8AndNulInHeaders() {
        byte[] message = "Subject: a\u0000b\u00ffc\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        MessageStructure s = MessageStructure.parse(message);
        assertEquals("(NIL {9}\r\na\ufffdb\ufffdc NIL NIL NIL NIL NIL NIL NIL NIL)", s.envelope());
    }

    // ------------------------------------------------------------------ what we do differently from Dovecot

    @Test
    void countsStoredOctetsOfBareLfLinesWhereDovecotCountsCrlf() {
        MessageStructure s = parse("Subject: x\n\nline one\nline two\n");
        assertEquals("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 18 2)", s.body());
        assertEquals(12, s.headerSize());
    }

    @Test
    void describesMessageGlobalAsAMessageAsRfc9051Does() {
        MessageStructure s = parse("Content-Type: message/global" + CRLF + CRLF + "Subject: g" + CRLF + CRLF + "x");
        assertEquals("(\"message\" \"global\" NIL NIL NIL \"7bit\" 15 (NIL \"g\" NIL NIL NIL NIL NIL NIL NIL NIL)"
                + " (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 1 0) 2)", s.body());
        assertEquals(List.of("", "1", "1.1"), sections(s.parts()));
        assertEquals(46, part(s, "1").innerBodyStart());
    }

    /**
     * Dovecot's answers for an enclosed message that a boundary cuts short: its header (2.HEADER) without the line
     * end the boundary owns, but the message/rfc822 part (BODY[1], its size and lines) with it; 1.TEXT is then
     * that line end (Dovecot sends nothing there: no offsets give all three).
     */
    @Test
    void endsAMessagePartCutShortByABoundaryAsDovecotDoes() {
        String message = "Content-Type: multipart/mixed; boundary=b" + CRLF + CRLF
                + "--b" + CRLF + "Content-Type: message/rfc822" + CRLF + CRLF
                + "Subject: cut" + CRLF
                + "--b" + CRLF + "Content-Type: message/rfc822" + CRLF + CRLF
                + "Subject: empty body" + CRLF + CRLF
                + "--b--" + CRLF;
        MessageStructure s = parse(message);
        MimePart cut = part(s, "1");
        assertEquals("Subject: cut", slice(message, cut.bodyStart(), cut.innerBodyStart()));
        assertEquals("Subject: cut" + CRLF, slice(message, cut.bodyStart(), cut.bodyEnd()));
        assertEquals(1, cut.lines());
        MimePart empty = part(s, "2");
        assertEquals("Subject: empty body" + CRLF, slice(message, empty.bodyStart(), empty.innerBodyStart()));
        assertEquals("Subject: empty body" + CRLF + CRLF, slice(message, empty.bodyStart(), empty.bodyEnd()));
        assertTrue(s.body().contains("\"7bit\" 14 (NIL \"cut\""), s.body());
        assertTrue(s.body().contains("\"7bit\" 23 (NIL \"empty body\""), s.body());
        ImapGrammar.checkBody(s.bodyStructure(), true);
    }

    @Test
    void endsAPartHeaderBeforeAnEmptyLineThatABoundaryFollows() {
        String message = "Content-Type: multipart/mixed; boundary=b" + CRLF + CRLF
                + "--b" + CRLF + "Content-Type: text/plain" + CRLF + CRLF
                + "--b--" + CRLF;
        MimePart p = part(parse(message), "1");
        assertEquals("Content-Type: text/plain" + CRLF, slice(message, p.headerStart(), p.bodyStart()));
        assertEquals(p.bodyStart(), p.bodyEnd());
    }

    // ------------------------------------------------------------------ degenerate messages

    @Test
    void describesAnEmptyMessage() {
        MessageStructure s = MessageStructure.parse(new byte[0]);
        assertEquals("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)", s.envelope());
        assertEquals("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)", s.body());
        assertEquals(0, s.headerSize());
        assertEquals(0, s.size());
        assertEquals(List.of("", "1"), sections(s.parts()));
    }

    @Test
    void takesAMessageWithoutEmptyLineAsAllHeader() {
        String message = "Subject: only a header" + CRLF + "From: a@x.test";
        MessageStructure s = parse(message);
        assertEquals(message.length(), s.headerSize());
        assertEquals(message.length(), s.size());
        assertTrue(s.envelope().startsWith("(NIL \"only a header\" ((NIL NIL \"a\" \"x.test\"))"));
    }

    @Test
    void givesAMultipartWithoutBoundaryOneEmptyPart() {
        MessageStructure s = parse("Content-Type: multipart/mixed" + CRLF + CRLF + "text" + CRLF);
        assertEquals("((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0) \"mixed\")", s.body());
        assertEquals(List.of(""), sections(s.parts()));
    }

    @Test
    void endsAnUnterminatedMultipartAtTheEndOfTheMessage() {
        String message = "Content-Type: multipart/mixed; boundary=b" + CRLF + CRLF
                + "--b" + CRLF + CRLF + "no end" + CRLF;
        MessageStructure s = parse(message);
        assertSlices(message, part(s, "1"), CRLF, "no end" + CRLF);
    }

    @Test
    void opensNoPartAtABoundaryOnTheLastLineWithoutLineEnd() {
        String head = "Content-Type: multipart/mixed; boundary=b" + CRLF + CRLF + "--b" + CRLF + CRLF + "x" + CRLF;
        assertEquals(List.of("", "1"), sections(parse(head + "--b").parts()));
        assertEquals(List.of("", "1", "2"), sections(parse(head + "--b" + CRLF).parts()));
        assertEquals("((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 1 0) \"mixed\")",
                parse(head + "--b  ").body());
    }

    @Test
    void readsTheSameFromAStreamThatGivesOneByteAtATime() throws IOException {
        String message = "Content-Type: multipart/mixed; boundary=b" + CRLF + CRLF
                + "--b" + CRLF + "Content-Type: text/plain" + CRLF + CRLF + "one\r" + CRLF
                + "--b" + CRLF + CRLF + "two" + CRLF + "--b--" + CRLF;
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        MessageStructure whole = MessageStructure.parse(bytes);
        MessageStructure trickled = MessageStructure.parse(new InputStream() {
            private int pos;
            private boolean zero;

            @Override
            public int read() {
                return pos < bytes.length ? bytes[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                zero = !zero;
                if (zero && len > 0) {
                    return 0;
                }
                int c = read();
                if (c < 0) {
                    return -1;
                }
                b[off] = (byte) c;
                return 1;
            }
        });
        assertEquals(whole.bodyStructure(), trickled.bodyStructure());
        assertEquals(whole.parts(), trickled.parts());
        assertEquals(bytes.length, trickled.size());
        assertSlices(message, part(whole, "1"), "Content-Type: text/plain" + CRLF + CRLF, "one\r");
    }

    // ------------------------------------------------------------------ helpers

    static MessageStructure parse(String message) {
        try {
            return MessageStructure.parse(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code count} CRLF-terminated lines of {@code total} octets in all. */
    static String lines(int count, int total) {
        StringBuilder out = new StringBuilder();
        int text = total - 2 * count;
        for (int i = 0; i < count; i++) {
            int length = text / count + (i < text % count ? 1 : 0);
            for (int j = 0; j < length; j++) {
                out.append((char) ('a' + (i + j) % 26));
            }
            out.append(CRLF);
        }
        assertEquals(total, out.length());
        return out.toString();
    }

    static List<String> sections(List<MimePart> parts) {
        return parts.stream().map(MimePart::section).toList();
    }

    static MimePart part(MessageStructure s, String section) {
        return s.parts().stream().filter(p -> p.section().equals(section)).findFirst()
                .orElseThrow(() -> new AssertionError("no part " + section + " in " + sections(s.parts())));
    }

    static String slice(String message, long from, long to) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        return new String(bytes, (int) from, (int) (to - from), StandardCharsets.UTF_8);
    }

    private static void assertSlices(String message, MimePart part, String header, String body) {
        assertEquals(header, slice(message, part.headerStart(), part.bodyStart()), "header of " + part.section());
        assertEquals(body, slice(message, part.bodyStart(), part.bodyEnd()), "body of " + part.section());
    }
}
