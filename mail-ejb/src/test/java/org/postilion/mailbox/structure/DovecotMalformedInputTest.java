package org.postilion.mailbox.structure;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Broken messages and what Dovecot answered for them, as in {@link DovecotCompatibilityTest}: each is one of 600
 * random mutations of the compatibility messages (tokens inserted, ranges deleted or repeated, bytes flipped) that
 * we once answered differently, kept here once fixed. Of the 600, 3 still differ: invalid UTF-8 (we send U+FFFD,
 * Dovecot the raw byte, on purpose), a Date of white space only, an address list behind an unterminated comment.
 */
class DovecotMalformedInputTest {

    private static void assertDovecot(String message, String envelope, String body, String bodyStructure) {
        MessageStructure s = MessageStructure.parse(message.getBytes(StandardCharsets.UTF_8));
        assertEquals(envelope, s.envelope(), "ENVELOPE");
        assertEquals(body, s.body(), "BODY");
        assertEquals(bodyStructure, s.bodyStructure(), "BODYSTRUCTURE");
        HostileInputTest.assertSound(message.getBytes(StandardCharsets.UTF_8), s);
    }

    @Test
    void addressListStopsAtAColon() {
        assertDovecot("From: Fwd <fwd@ex--=_altample.test>\r\n"
                + "To: you@example.test\r\n"
                + "Subject: Fwd: h llo\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
                + "\r\n"
                + "--b1\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + "see below\r\n"
                + "--b1)\r\n"
                + "Content-Type: message/rfc822\r\n"
                + "Content-Disposition: inline\r\n"
                + "\r\n"
                + "From: Orig <orig@example.te-t>\r\n"
                + "Sender: list@example.test\r\n"
                + "Reply-To: <@relay.example.test:replies@example.test>\r\n"
                + "To: a@examplTo: a@b, G: c@d;\r\n"
                + "e.test\r\n"
                + "Subject: hello\r\n"
                + "In-Reply-To: <p@example.test>\r\n"
                + "Message-ID: <orig@example.test>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=\"b2\"\r\n"
                + "\r\n"
                + "--b2\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "plain\r\n"
                + "--b2\r\n"
                + "Content-Type: text/html\r\n"
                + "\r\n"
                + "<b>html</b>\r\n"
                + "--b2--\r\n"
                + "\r\n"
                + "--b1\r\n"
                + "Content-Type: message/rfc822\r\n"
                + "\r\n"
                + "Subject: simple\r\n"
                + "\r\n"
                + "just text\r\n"
                + "--b1--\r\n",
                "(NIL \"Fwd: h llo\" ((\"Fwd\" NIL \"fwd\" \"ex--=_altample.test\")) ((\"Fwd\" NIL \"fwd\" \"ex--=_altample.test\")) ((\"Fwd\" NIL \"fwd\" \"ex--=_altample.test\")) ((NIL NIL \"you\" \"example.test\")) NIL NIL NIL NIL)",
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 9 0)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 399 (NIL \"hello\" ((\"Orig\" NIL \"orig\" \"example.te-t\")) ((NIL NIL \"list\" \"example.test\")) ((NIL \"@relay.example.test\" \"replies\" \"example.test\")) ((NIL NIL \"a\" \"examplTo\")) NIL NIL \"<p@example.test>\" \"<orig@example.test>\") ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 5 0)(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 11 0) \"alternative\") 20)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 28 (NIL \"simple\" NIL NIL NIL NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 9 0) 2) \"mixed\")",
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 9 0 NIL NIL NIL NIL)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 399 (NIL \"hello\" ((\"Orig\" NIL \"orig\" \"example.te-t\")) ((NIL NIL \"list\" \"example.test\")) ((NIL \"@relay.example.test\" \"replies\" \"example.test\")) ((NIL NIL \"a\" \"examplTo\")) NIL NIL \"<p@example.test>\" \"<orig@example.test>\") ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 5 0 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 11 0 NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"b2\") NIL NIL NIL) 20 NIL (\"inline\" NIL) NIL NIL)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 28 (NIL \"simple\" NIL NIL NIL NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 9 0 NIL NIL NIL NIL) 2 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"b1\") NIL NIL NIL)");
    }

    @Test
    void angleAddressLeftOpen() {
        assertDovecot("Date: Tue, 3 Feb 2026 10:00:00 +0100 (CET)\r\n"
                + "From: =?utf-8?q?Bj=C3=B6rn?= <bjorn@example.3 Feb 2026 10:00:00 +0100 (CET)\r\n"
                + "From: =?utf-8?q?Bj=C3=B6rn?= <bjorn@example.test>\r\n"
                + "To: \"Ann \\\"The Boss\\\" O'Neil\" <ann@example.test>, \"back\\\\slash\" <bs@example.test>\r\n"
                + "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?= aus\r\n"
                + " dem B\u00fcro\r\n"
                + "Message-ID: <alt.1@example.te=t>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=\"=_alt\"\r\n"
                + "\r\n"
                + "--=_alt\r\n"
                + "Content-Type: text/plain; charset=UTF-8; format=flowed\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "\r\n"
                + "Gr=C3=BC=C3=9Fe\r\n"
                + "--=_alt\r\n"
                + "Content-Type: text/html; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "\r\n"
                + "<p>Gr=C3=BC=C3=9Fe</p>\r\n"
                + "\r\n"
                + "--=_alt--\r\n",
                "(\"Tue, 3 Feb 2026 10:00:00 +0100 (CET)\" {41}\r\n=?utf-8?q?Gr=C3=BC=C3=9Fe?= aus dem B\u00fcro ((\"=?utf-8?q?Bj=C3=B6rn?=\" NIL \"bjorn\" \"SYNTAX_ERROR\")(\"=?utf-8?q?Bj=C3=B6rn?=\" NIL \"bjorn\" \"example.test\")) ((\"=?utf-8?q?Bj=C3=B6rn?=\" NIL \"bjorn\" \"SYNTAX_ERROR\")(\"=?utf-8?q?Bj=C3=B6rn?=\" NIL \"bjorn\" \"example.test\")) ((\"=?utf-8?q?Bj=C3=B6rn?=\" NIL \"bjorn\" \"SYNTAX_ERROR\")(\"=?utf-8?q?Bj=C3=B6rn?=\" NIL \"bjorn\" \"example.test\")) (({21}\r\nAnn \"The Boss\" O'Neil NIL \"ann\" \"example.test\")({10}\r\nback\\slash NIL \"bs\" \"example.test\")) NIL NIL NIL \"<alt.1@example.te=t>\")",
                "((\"text\" \"plain\" (\"charset\" \"UTF-8\" \"format\" \"flowed\") NIL NIL \"quoted-printable\" 15 0)(\"text\" \"html\" (\"charset\" \"UTF-8\") NIL NIL \"quoted-printable\" 24 1) \"alternative\")",
                "((\"text\" \"plain\" (\"charset\" \"UTF-8\" \"format\" \"flowed\") NIL NIL \"quoted-printable\" 15 0 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"UTF-8\") NIL NIL \"quoted-printable\" 24 1 NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"=_alt\") NIL NIL NIL)");
    }

    @Test
    void bareCrInAFoldedDate() {
        assertDovecot("Date: Mon, 1 Jan\r\n"
                + " 2024;\r;Message-ID:\r\n"
                + " <a@b>\r\n"
                + "In\r\n"
                + "Subject: a\r\n"
                + "\u0009b\r\n"
                + "To: \"A\r\n"
                + " B\" <a@b>\r\n"
                + "Content-Description: d\r\n"
                + " e\r\n"
                + "Content-Type:,text/plain; name=\"x\r\n"
                + " y\"ntent-Type:,text/plain; name=\"x\r\n"
                + " y\"\r\n"
                + "\r\n"
                + "x",
                "(\"Mon, 1 Jan 2024; ;Message-ID: <a@b>\" {3}\r\na b NIL NIL NIL ((\"A B\" NIL \"a\" \"b\")) NIL NIL NIL NIL)",
                "(\"\" \"\" NIL NIL \"d e\" \"7bit\" 1)",
                "(\"\" \"\" NIL NIL \"d e\" \"7bit\" 1 NIL NIL NIL NIL)");
    }

    @Test
    void brokenTypeInADigest() {
        assertDovecot("Content-Type: multipart/digest; boundary=b\r\n"
                + "\r\n"
                + "pre\r\n"
                + "--b\r\n"
                + "\r\n"
                + "From: x@y\r\n"
                + "Subject: inner\r\n"
                + "\r\n"
                + "inner body\r\n"
                + "--b\r\n"
                + "Content-Type: @ext/plain\r\n"
                + "\r\r\n"
                + "\r\n"
                + "\r\n"
                + "txt\r\n"
                + "-<-b--\r\n"
                + "epi\r)\r\n",
                "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                "((\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 39 (NIL \"inner\" ((NIL NIL \"x\" \"y\")) ((NIL NIL \"x\" \"y\")) ((NIL NIL \"x\" \"y\")) NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 0) 3)(\"\" \"\" NIL NIL NIL \"7bit\" 22) \"digest\")",
                "((\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 39 (NIL \"inner\" ((NIL NIL \"x\" \"y\")) ((NIL NIL \"x\" \"y\")) ((NIL NIL \"x\" \"y\")) NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 0 NIL NIL NIL NIL) 3 NIL NIL NIL NIL)(\"\" \"\" NIL NIL NIL \"7bit\" 22 NIL NIL NIL NIL) \"digest\" (\"boundary\" \"b\") NIL NIL NIL)");
    }

    @Test
    void contentFieldsWithoutMimeAreIgnored() {
        assertDovecot("C)ntent-Typin; charset=utf-8; c--b1harset=iso-8859-1; =x; y; z=\r\n"
                + "Content-Disposition: ; a=b\r\n"
                + "\r\n"
                + "x: ; a=b\r\n"
                + "\r\n"
                + "x",
                "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 13 2)",
                "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 13 2 NIL NIL NIL NIL)");
    }

    @Test
    void domainEndingInADot() {
        assertDovecot("From: Fwd <fwd@example.test>\r\n"
                + "To: you@e,ample.test\r\n"
                + "Subject: Fwd: hello\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
                + "\r\n"
                + "--b1\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + "see below\r\n"
                + "--b1\r\n"
                + "Content-Type: message/rfc822\r\n"
                + "Content-Disposition: inline\r\n"
                + "\r\n"
                + "From: Orig <orig@example.test>\r\n"
                + "Sender: list@example.;est\r\n"
                + "Reply-To: <@relay.example.test:replies@example.test>\r\n"
                + "To: a@example.test\r\n"
                + "Subject: hello\r\n"
                + "In-Reply-To: <p@example.test>\r\n"
                + "Message-ID: <orig@example.test>\r\n"
                + "M;ME-Version: 1.0\r\n"
                + "Content-Type: multipa<t/alternative; boundary=\"b2\"\r\n"
                + "\r\n"
                + "--b2\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "plain\r\n"
                + "--b2\r\n"
                + "Content-Type: text/html\r\n"
                + "\r\n"
                + "<b>html</b>\r\n"
                + "--b2--\r\n"
                + "\r\n"
                + "--b1\r\n"
                + "Content-Type: mecsage/rfc822\r\n"
                + "\r\n"
                + "Subject: simple\r\n"
                + "\r\n"
                + "just text\r\n"
                + "--b1--\r\n",
                "(NIL \"Fwd: hello\" ((\"Fwd\" NIL \"fwd\" \"example.test\")) ((\"Fwd\" NIL \"fwd\" \"example.test\")) ((\"Fwd\" NIL \"fwd\" \"example.test\")) ((NIL NIL \"you\" \"e\")(NIL NIL \"ample.test\" \"MISSING_DOMAIN\")) NIL NIL NIL NIL)",
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 9 0)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 381 (NIL \"hello\" ((\"Orig\" NIL \"orig\" \"example.test\")) ((NIL NIL \"list\" \"MISSING_DOMAIN\")) ((NIL \"@relay.example.test\" \"replies\" \"example.test\")) ((NIL NIL \"a\" \"example.test\")) NIL NIL \"<p@example.test>\" \"<orig@example.test>\") (\"\" \"\" NIL NIL NIL \"7bit\" 95) 19)(\"mecsage\" \"rfc822\" NIL NIL NIL \"7bit\" 28) \"mixed\")",
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 9 0 NIL NIL NIL NIL)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 381 (NIL \"hello\" ((\"Orig\" NIL \"orig\" \"example.test\")) ((NIL NIL \"list\" \"MISSING_DOMAIN\")) ((NIL \"@relay.example.test\" \"replies\" \"example.test\")) ((NIL NIL \"a\" \"example.test\")) NIL NIL \"<p@example.test>\" \"<orig@example.test>\") (\"\" \"\" NIL NIL NIL \"7bit\" 95 NIL NIL NIL NIL) 19 NIL (\"inline\" NIL) NIL NIL)(\"mecsage\" \"rfc822\" NIL NIL NIL \"7bit\" 28 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"b1\") NIL NIL NIL)");
    }

    @Test
    void emptyParameterValue() {
        assertDovecot("Content-Type: text/plain; charset@=utf-8; charset=iso-8859-1; =x; y; z=\r\n"
                + "Content-Dso-8859-1; =x; y; z=\r\n"
                + "Content-Disposition: ; a=)b\r\n"
                + "\r\n"
                + "x\r\n"
                + "Content-Disposition: ; a=)b\r\n"
                + "\r\n"
                + "x",
                "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                "(\"text\" \"plain\" (\"charset\" \"iso-8859-1\" \"\" \"x\") NIL NIL \"7bit\" 35 3)",
                "(\"text\" \"plain\" (\"charset\" \"iso-8859-1\" \"\" \"x\") NIL NIL \"7bit\" 35 3 NIL (\"\" (\"a\" \"\")) NIL NIL)");
    }

    @Test
    void encodingWithTrailingGarbage() {
        assertDovecot("Date: Tue, 3 Feb 2026 10:00:00 +0100 (CET)\r\n"
                + "From: =?utf-8?q?Bj=C3=B6rn?= <bjorn@example.test>\r\n"
                + "To: \"Ann \\\"The Boss\\\" O'Neil\" <ann@example.test>, \"back\\\\slash\" <bs@example.test>\r\n"
                + "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?= aus\r\n"
                + " dem B\u00fcro\r\n"
                + "Message-ID: <alt.1@example.test>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=\"=_alt\"\r\n"
                + "\r\n"
                + "--=_alt\r\n"
                + "Content-Type: text/plain; charset=UTF-8; format=flowed\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "\r\n"
                + "Gr=C3=BC=C3=9Fe\r\n"
                + "--=_alt\r\n"
                + "Content-Type: text/html; charset=UTF---8\r\n"
                + "Content-Transfer-Encoding: quotedg: quoted-printable\r\n"
                + "\r\n"
                + "Gr=C3=BC=C3=9Fe\r\n"
                + "--=_alt\r\n"
                + "Content-Type: text/html; charset=UTF---8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "\r\n"
                + "<p>Gr=C3=BC=C3=9Fe</p>\r\n"
                + "\r\n"
                + "Gr=C3=BC=C3=9Fe\r\n"
                + "--=_alt\r\n"
                + "Content-Type: text/html; charset=UTF---8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "\r\n"
                + "<p>Gr=C3=BC=C3=9Fe</p>\r\n"
                + "\r\n"
                + "--=_alt--\r\n",
                "(\"Tue, 3 Feb 2026 10:00:00 +0100 (CET)\" {41}\r\n=?utf-8?q?Gr=C3=BC=C3=9Fe?= aus dem B\u00fcro ((\"=?utf-8?q?Bj=C3=B6rn?=\" NIL \"bjorn\" \"example.test\")) ((\"=?utf-8?q?Bj=C3=B6rn?=\" NIL \"bjorn\" \"example.test\")) ((\"=?utf-8?q?Bj=C3=B6rn?=\" NIL \"bjorn\" \"example.test\")) (({21}\r\nAnn \"The Boss\" O'Neil NIL \"ann\" \"example.test\")({10}\r\nback\\slash NIL \"bs\" \"example.test\")) NIL NIL NIL \"<alt.1@example.test>\")",
                "((\"text\" \"plain\" (\"charset\" \"UTF-8\" \"format\" \"flowed\") NIL NIL \"quoted-printable\" 15 0)(\"text\" \"html\" (\"charset\" \"UTF---8\") NIL NIL \"7bit\" 15 0)(\"text\" \"html\" (\"charset\" \"UTF---8\") NIL NIL \"quoted-printable\" 41 2)(\"text\" \"html\" (\"charset\" \"UTF---8\") NIL NIL \"quoted-printable\" 24 1) \"alternative\")",
                "((\"text\" \"plain\" (\"charset\" \"UTF-8\" \"format\" \"flowed\") NIL NIL \"quoted-printable\" 15 0 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"UTF---8\") NIL NIL \"7bit\" 15 0 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"UTF---8\") NIL NIL \"quoted-printable\" 41 2 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"UTF---8\") NIL NIL \"quoted-printable\" 24 1 NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"=_alt\") NIL NIL NIL)");
    }

    @Test
    void firstLanguageWithATagCounts() {
        assertDovecot("Content-Type: TEXT/Plain; CharSet=\"UTF-8\"; Format=Flowed\r\n"
                + "Content-Transfer-Encoding: Quoted-Printable\r\n"
                + "Content-ID: <id1>\r\n"
                + "Content-Description: desc \"x\"\r\n"
                + "Content-Disposition: Attachment; FileName*=utf-8''a                    .txt\r\n"
                + "Content-Language: (n, DE\r\n"
                + "Content-Location: http://x/y\r\n"
                + "Content-MD5: nt-Disposition: Attachment; FileName*=utf-8''a                    .txt\r\n"
                + "Content-Language: en, DE\r\n"
                + "Content-Location: http://x/y\r\n"
                + "Content-MD5: abc\r\n"
                + "\r\n"
                + "line1\r\n"
                + "line2",
                "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                "(\"TEXT\" \"Plain\" (\"CharSet\" \"UTF-8\" \"Format\" \"Flowed\") \"<id1>\" \"desc \\\"x\\\"\" \"Quoted-Printable\" 12 1)",
                "(\"TEXT\" \"Plain\" (\"CharSet\" \"UTF-8\" \"Format\" \"Flowed\") \"<id1>\" \"desc \\\"x\\\"\" \"Quoted-Printable\" 12 1 \"nt-Disposition: Attachment; FileName*=utf-8''a                    .txt\" (\"Attachment\" (\"FileName*\" \"utf-8''a\")) (\"en\" \"DE\") \"http://x/y\")");
    }

    @Test
    void firstValidEncodingCounts() {
        assertDovecot("Content-Type: TEXT/Plain; CharSet=\"UTF-8\"; Format=Flowed\r\n"
                + "Content-Transfer-Encoding: TEXT/Plain; CharSet=\"UTF-8\"; Format=Flowed\r\n"
                + "Content-Transfer-Encoding: Quoted-Printable\r\n"
                + "Content-ID: <id1>\r\n"
                + "Content-Description: desc \"x\"\r\n"
                + "Content-Disposition: Attachment; FileName*=utf-8''a                    .txt\r\n"
                + "Content-Language: --aben, DE\r\n"
                + "Content-Location: http://x/y\r\n"
                + "CD5: abc\r\n"
                + "\r\n"
                + "line1\r\n"
                + "line2",
                "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                "(\"TEXT\" \"Plain\" (\"CharSet\" \"UTF-8\" \"Format\" \"Flowed\") \"<id1>\" \"desc \\\"x\\\"\" \"Quoted-Printable\" 12 1)",
                "(\"TEXT\" \"Plain\" (\"CharSet\" \"UTF-8\" \"Format\" \"Flowed\") \"<id1>\" \"desc \\\"x\\\"\" \"Quoted-Printable\" 12 1 NIL (\"Attachment\" (\"FileName*\" \"utf-8''a\")) (\"--aben\" \"DE\") \"http://x/y\")");
    }

    @Test
    void garbageAfterTheSubtype() {
        assertDovecot("Content-Type: Multipart/Mixed; boundary=x\r\n"
                + "\r\n"
                + "--x\r\n"
                + "Content-Type: text/plain-1\"; name=\"a\\\\\\\"b\"\r\n"
                + "ConteID: <\u00e9>\r\n"
                + "\rba\r\n"
                + "\r\n"
                + "--x--\r\n",
                "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                "((\"\" \"\" NIL NIL NIL \"7bit\" 0) \"Mixed\")",
                "((\"\" \"\" NIL NIL NIL \"7bit\" 0 NIL NIL NIL NIL) \"Mixed\" (\"boundary\" \"x\") NIL NIL NIL)");
    }

    @Test
    void groupReadsOnAfterABrokenMailbox() {
        assertDovecot("From: \"Joe\" <>\r\n"
                + "To: <x>, c @, foo bar <a@b> (comment), \"q\\--outer--\\\\\"x\" (c) <y@z>\r\n"
                + "Cc: a@b (Comment Name)\r\n"
                + "Bcc: =?utf-8?q?x?= : <x>, c @, foo bar <a@b> (comment), \"q\\--outer--\\\\\"x\" (c) <y@z>\r\n"
                + "Cc: a@b (Comment Name)\r\n"
                + "Bcc: =?utf-8?q?x?= <e@f>\r\n"
                + "Sender: Grp:;\r\n"
                + "Reply-To: \"  spaced\u0009name  \" <r@s>\r\n"
                + "Subject: \u0009 le d  tab\u0009\r\n"
                + "Message-ID:    <id@x>   \r\n"
                + "Date: \r\n"
                + "\r\n",
                "(\"\" {8}\r\nle d tab ((\"Joe\" NIL \"MISSING_MAILBOX\" \"MISSING_DOMAIN\")) ((NIL NIL \"Grp\" NIL)(NIL NIL NIL NIL)) (({11}\r\nspaced name NIL \"r\" \"s\")) ((NIL NIL \"x\" \"MISSING_DOMAIN\")(NIL NIL \"c\" \"MISSING_DOMAIN\")(\"foo bar\" NIL \"a\" \"b\")({13}\r\nq--outer--\\ x NIL \"MISSING_MAILBOX\" \"MISSING_DOMAIN\")) ((\"Comment Name\" NIL \"a\" \"b\")(\"Comment Name\" NIL \"a\" \"b\")) ((NIL NIL \"=?utf-8?q?x?=\" NIL)(NIL NIL \"x\" \"MISSING_DOMAIN\")(NIL NIL \"c\" \"MISSING_DOMAIN\")(\"foo bar\" NIL \"a\" \"b\")({13}\r\nq--outer--\\ x NIL \"MISSING_MAILBOX\" \"MISSING_DOMAIN\")(NIL NIL NIL NIL)(\"=?utf-8?q?x?=\" NIL \"e\" \"f\")) NIL \"<id@x>   \")",
                "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)",
                "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)");
    }

    @Test
    void parameterRecoveryEatsTheNextSemicolon() {
        assertDovecot("Content-Type: text/plain; charset=utf-8; charset=iso-8859-1; =x; y; z=\rosition: ; a=b\r\n"
                + "\r\n"
                + "x",
                "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                "(\"text\" \"plain\" (\"charset\" \"utf-8\" \"charset\" \"iso-8859-1\" \"\" \"x\" \"a\" \"b\") NIL NIL \"7bit\" 1 0)",
                "(\"text\" \"plain\" (\"charset\" \"utf-8\" \"charset\" \"iso-8859-1\" \"\" \"x\" \"a\" \"b\") NIL NIL \"7bit\" 1 0 NIL NIL NIL NIL)");
    }

    @Test
    void repeatedRfc2231Sections() {
        assertDovecot("Content-Type: multipart/mixed; boundary=\"b\"; X=Y\r\n"
                + "Content-Disposition: inline\r\n"
                + "\r\n"
                + "--b\r\n"
                + "Content-Type: message/rfc822\r\n"
                + "\r\n"
                + "Subject: fwd\r\n"
                + "Content-Type: lternativeb\"; X=Y\r\n"
                + "Content-Disposition: inline\r\n"
                + "\r\n"
                + "--b\r\n"
                + "Content-Type: message/rfc822\r\n"
                + "\r\n"
                + "Subject: fwd\r\n"
                + "Content-Type: multipart/alternative; boundary=c\r\n"
                + "\r\n"
                + "--c\r\n"
                + "\r\n"
                + "a\r\n"
                + "--c\r\n"
                + "Content-Type: text/html\r\n"
                + "\r\n"
                + "<b>\r\n"
                + "--c--\r\n"
                + "\r\n"
                + "--b\r\n"
                + "Conteml\r\n"
                + "\r\n"
                + "<b>\r\n"
                + "--c--\r\n"
                + "\r\n"
                + "--b\r\n"
                + "Content-Type: application/octet-stream; name*0=\"long\"; name)1=\"name.bin\"\rontent-Type: application/octet-stream; name*0=\"long\"; name*1=\"name.bin\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + "AAAA\r\n"
                + "--b--",
                "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                "((\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 78 (NIL \"fwd\" NIL NIL NIL NIL NIL NIL NIL NIL) (\"\" \"\" NIL NIL NIL \"7bit\" 0) 4)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 119 (NIL \"fwd\" NIL NIL NIL NIL NIL NIL NIL NIL) ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 1 0)(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 3 0) \"alternative\") 11)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 12 2)(\"application\" \"octet-stream\" (\"name*0\" \"long\" \"name*0\" \"long\" \"name*1\" \"name.bin\") NIL NIL \"base64\" 4) \"mixed\")",
                "((\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 78 (NIL \"fwd\" NIL NIL NIL NIL NIL NIL NIL NIL) (\"\" \"\" NIL NIL NIL \"7bit\" 0 NIL (\"inline\" NIL) NIL NIL) 4 NIL NIL NIL NIL)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 119 (NIL \"fwd\" NIL NIL NIL NIL NIL NIL NIL NIL) ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 1 0 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 3 0 NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"c\") NIL NIL NIL) 11 NIL NIL NIL NIL)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 12 2 NIL NIL NIL NIL)(\"application\" \"octet-stream\" (\"name*0\" \"long\" \"name*0\" \"long\" \"name*1\" \"name.bin\") NIL NIL \"base64\" 4 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"b\" \"X\" \"Y\") (\"inline\" NIL) NIL NIL)");
    }

    @Test
    void secondDispositionReplacesOneWithoutParameters() {
        assertDovecot("Content-Type: TEXT/Plain; CharSet=\"UTF-8\"; Format=Flowed\r\n"
                + "Content-Transfer-Encoding: Quoted-Printable\r\n"
                + "Content-ID: <id1>\r\n"
                + "Content-Description: desc \"x\"\r\n"
                + "Content-Disposition: Attaed\r\n"
                + "Content-Transfer-Encoding: Quoted-Printable\r\n"
                + "Content-ID: <id1>\r\n"
                + "Content-Description: desc \"x\"\r\n"
                + "Content-Disposition: Attachment; FileName*=utf-8''a                    .tDE\r\n"
                + "Content-Location: http://x/y\r\n"
                + "Content-MD5: abc\r\n"
                + "\r\n"
                + "line1\r\n"
                + "line2",
                "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                "(\"TEXT\" \"Plain\" (\"CharSet\" \"UTF-8\" \"Format\" \"Flowed\") \"<id1>\" \"desc \\\"x\\\"\" \"Quoted-Printable\" 12 1)",
                "(\"TEXT\" \"Plain\" (\"CharSet\" \"UTF-8\" \"Format\" \"Flowed\") \"<id1>\" \"desc \\\"x\\\"\" \"Quoted-Printable\" 12 1 \"abc\" (\"Attachment\" (\"FileName*\" \"utf-8''a\")) NIL \"http://x/y\")");
    }

    @Test
    void twoSlashesBreakTheType() {
        assertDovecot("Content-Type: multipart/miltipart/mixed; boundar>=\"b\"; X=Y\r\n"
                + "Content-Disposition: inline\r\n"
                + "\r\n"
                + "--b\r\n"
                + "Content-Type: message/rfc822\r\n"
                + "\r\n"
                + "Subject: fwd\r\n"
                + "Content-Type: multipart/alternative; boundary=c\r\n"
                + "\r\n"
                + "--c\r\n"
                + "\r\n"
                + "a\r\n"
                + "--c\r\n"
                + "Content-Type: text/html\r\n"
                + "\r\n"
                + "<b>\r\n"
                + "--c--\r\n"
                + "\r\n"
                + "--b\r\n"
                + "Content-Type: application/octet-stream; name*0=\"long\"; name*1=\"name.bin\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "\r\n"
                + "AAAA\r\n"
                + "--b--coding: base64\r\n"
                + "\r\n"
                + "AAAA\r\n"
                + "--b--",
                "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                "(\"\" \"\" NIL NIL NIL \"7bit\" 314)",
                "(\"\" \"\" NIL NIL NIL \"7bit\" 314 NIL (\"inline\" NIL) NIL NIL)");
    }

    @Test
    void unterminatedQuotedBoundary() {
        assertDovecot("From: Nathaniel Borenstein <nsb@bellcore.com>\r\n"
                + "To: Ned Freed <ned@innosoft.com>\r\n"
                + "Date: Sun, 21 Mar 1993 23:56:48 -0800 (PST)\r\n"
                + "Subject: Sample message\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-type: multipart/mixed; boundary=\"simple boune preamble.  It is to be ignored, though it\r\n"
                + "is a handy place for comppart/mixed; boundary=\"simple boune preamble.  It is to be ignored, though it\r\n"
                + "is a handy place for composition agents to include an\r\n"
                + "explanatory note to non-MIME conformant readers.\r\n"
                + "\r\n"
                + "--simple boundary\r\n"
                + "\r\n"
                + "This is implicitly typed plain US-ASCII text.\r\n"
                + "It does NOT end with a linebreak.\r\n"
                + "--simpontent-type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + "This is explicitly typed plain US-ASCII text.\r\n"
                + "It DOES end with a linebreak.\r\n"
                + "\r\n"
                + "--simple boundary--\r\n"
                + "\r\n"
                + "This is the epilogue.  It is also to be ignored.\r\n",
                "(\"Sun, 21 Mar 1993 23:56:48 -0800 (PST)\" \"Sample message\" ((\"Nathaniel Borenstein\" NIL \"nsb\" \"bellcore.com\")) ((\"Nathaniel Borenstein\" NIL \"nsb\" \"bellcore.com\")) ((\"Nathaniel Borenstein\" NIL \"nsb\" \"bellcore.com\")) ((\"Ned Freed\" NIL \"ned\" \"innosoft.com\")) NIL NIL NIL NIL)",
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0) \"mixed\")",
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL) \"mixed\" NIL NIL NIL NIL)");
    }
}
