package org.postilion.mailbox.structure;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Messages and what Dovecot answered for them: the expected strings below are Dovecot 2.3.19's FETCH (ENVELOPE BODY
 * BODYSTRUCTURE) for the same bytes, taken from its {@code imap} binary in preauth mode on a Maildir holding each
 * message. Dovecot is the behaviour clients are tuned against; any change here is a change clients can see.
 *
 * <p>To ask Dovecot again (Debian: {@code apt-get install dovecot-imapd}; no daemon, no network): put the messages
 * in {@code DIR/Maildir/cur/} as files named {@code N.host:2,}, then, as a non-root user owning DIR, run
 * {@code printf 'a select inbox\r\nb fetch 1:* (ENVELOPE BODY BODYSTRUCTURE)\r\nc logout\r\n' |
 * env HOME=DIR /usr/lib/dovecot/imap -o mail_location=maildir:DIR/Maildir}.
 *
 * <p>The corpus behind these was wider: the 800 varied messages of {@code bench/gen-mbox.py} (seeds 7 and 99,
 * CRLF line ends) all gave the same three strings from Dovecot and from us. The differences we keep on purpose
 * (sizes of bare-LF text, message/global) are tested in {@link MessageStructureTest}.
 */
class DovecotCompatibilityTest {

    private static void assertDovecot(String message, String envelope, String body, String bodyStructure) {
        MessageStructure s = MessageStructure.parse(message.getBytes(StandardCharsets.UTF_8));
        assertEquals(envelope, s.envelope(), "ENVELOPE");
        assertEquals(body, s.body(), "BODY");
        assertEquals(bodyStructure, s.bodyStructure(), "BODYSTRUCTURE");
        ImapGrammar.checkEnvelope(s.envelope());
        ImapGrammar.checkBody(s.body(), false);
        ImapGrammar.checkBody(s.bodyStructure(), true);
    }

    @Test
    void alternativeFoldedSubject() {
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
                + "Content-Type: text/html; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "\r\n"
                + "<p>Gr=C3=BC=C3=9Fe</p>\r\n"
                + "\r\n"
                + "--=_alt--\r\n",
                "(\"Tue, 3 Feb 2026 10:00:00 +0100 (CET)\" {41}\r\n=?utf-8?q?Gr=C3=BC=C3=9Fe?= aus dem B\u00fcro ((\"=?utf-8?q?Bj=C3=B6rn?=\" NIL \"bjorn\" \"example.test\")) ((\"=?utf-8?q?Bj=C3=B6rn?=\" NIL \"bjorn\" \"example.test\")) ((\"=?utf-8?q?Bj=C3=B6rn?=\" NIL \"bjorn\" \"example.test\")) (({21}\r\nAnn \"The Boss\" O'Neil NIL \"ann\" \"example.test\")({10}\r\nback\\slash NIL \"bs\" \"example.test\")) NIL NIL NIL \"<alt.1@example.test>\")",
                "((\"text\" \"plain\" (\"charset\" \"UTF-8\" \"format\" \"flowed\") NIL NIL \"quoted-printable\" 15 0)(\"text\" \"html\" (\"charset\" \"UTF-8\") NIL NIL \"quoted-printable\" 24 1) \"alternative\")",
                "((\"text\" \"plain\" (\"charset\" \"UTF-8\" \"format\" \"flowed\") NIL NIL \"quoted-printable\" 15 0 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"UTF-8\") NIL NIL \"quoted-printable\" 24 1 NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"=_alt\") NIL NIL NIL)");
    }

    @Test
    void digest() {
        assertDovecot("From: digest@example.test\r\n"
                + "Subject: digest\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/digest; boundary=\"d\"\r\n"
                + "\r\n"
                + "--d\r\n"
                + "\r\n"
                + "From: one@example.test\r\n"
                + "Subject: first\r\n"
                + "\r\n"
                + "one\r\n"
                + "--d\r\n"
                + "\r\n"
                + "From: two@example.test\r\n"
                + "Subject: second\r\n"
                + "\r\n"
                + "two\r\n"
                + "--d\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "not a message\r\n"
                + "--d--\r\n",
                "(NIL \"digest\" ((NIL NIL \"digest\" \"example.test\")) ((NIL NIL \"digest\" \"example.test\")) ((NIL NIL \"digest\" \"example.test\")) NIL NIL NIL NIL NIL)",
                "((\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 45 (NIL \"first\" ((NIL NIL \"one\" \"example.test\")) ((NIL NIL \"one\" \"example.test\")) ((NIL NIL \"one\" \"example.test\")) NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 3 0) 3)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 46 (NIL \"second\" ((NIL NIL \"two\" \"example.test\")) ((NIL NIL \"two\" \"example.test\")) ((NIL NIL \"two\" \"example.test\")) NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 3 0) 3)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 13 0) \"digest\")",
                "((\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 45 (NIL \"first\" ((NIL NIL \"one\" \"example.test\")) ((NIL NIL \"one\" \"example.test\")) ((NIL NIL \"one\" \"example.test\")) NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 3 0 NIL NIL NIL NIL) 3 NIL NIL NIL NIL)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 46 (NIL \"second\" ((NIL NIL \"two\" \"example.test\")) ((NIL NIL \"two\" \"example.test\")) ((NIL NIL \"two\" \"example.test\")) NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 3 0 NIL NIL NIL NIL) 3 NIL NIL NIL NIL)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 13 0 NIL NIL NIL NIL) \"digest\" (\"boundary\" \"d\") NIL NIL NIL)");
    }

    @Test
    void forwardNested() {
        assertDovecot("From: Fwd <fwd@example.test>\r\n"
                + "To: you@example.test\r\n"
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
                + "Sender: list@example.test\r\n"
                + "Reply-To: <@relay.example.test:replies@example.test>\r\n"
                + "To: a@example.test\r\n"
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
                "(NIL \"Fwd: hello\" ((\"Fwd\" NIL \"fwd\" \"example.test\")) ((\"Fwd\" NIL \"fwd\" \"example.test\")) ((\"Fwd\" NIL \"fwd\" \"example.test\")) ((NIL NIL \"you\" \"example.test\")) NIL NIL NIL NIL)",
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 9 0)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 381 (NIL \"hello\" ((\"Orig\" NIL \"orig\" \"example.test\")) ((NIL NIL \"list\" \"example.test\")) ((NIL \"@relay.example.test\" \"replies\" \"example.test\")) ((NIL NIL \"a\" \"example.test\")) NIL NIL \"<p@example.test>\" \"<orig@example.test>\") ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 5 0)(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 11 0) \"alternative\") 19)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 28 (NIL \"simple\" NIL NIL NIL NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 9 0) 2) \"mixed\")",
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 9 0 NIL NIL NIL NIL)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 381 (NIL \"hello\" ((\"Orig\" NIL \"orig\" \"example.test\")) ((NIL NIL \"list\" \"example.test\")) ((NIL \"@relay.example.test\" \"replies\" \"example.test\")) ((NIL NIL \"a\" \"example.test\")) NIL NIL \"<p@example.test>\" \"<orig@example.test>\") ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 5 0 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 11 0 NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"b2\") NIL NIL NIL) 19 NIL (\"inline\" NIL) NIL NIL)(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 28 (NIL \"simple\" NIL NIL NIL NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 9 0 NIL NIL NIL NIL) 2 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"b1\") NIL NIL NIL)");
    }

    @Test
    void malformed() {
        assertDovecot("Subject: broken\r\n"
                + "Content-Type: multipart/mixed; boundary=\"ab\"\r\n"
                + "\r\n"
                + "--ab\r\n"
                + "Content-Type: text/plain\r\n"
                + "--ab\r\n"
                + "Content-Type: multipart/related\r\n"
                + "\r\n"
                + "no boundary here\r\n"
                + "--ab\r\n"
                + "Content-Type: multipart/mixed; boundary=\"abc\"\r\n"
                + "\r\n"
                + "--abc\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "inner, never closed\r\n"
                + "--ab\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "last, no close delimiter\r\n",
                "(NIL \"broken\" NIL NIL NIL NIL NIL NIL NIL NIL)",
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0) \"related\")((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 19 0) \"mixed\")(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 26 1) \"mixed\")",
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL) \"related\" NIL NIL NIL NIL)((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 19 0 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"abc\") NIL NIL NIL)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 26 1 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"ab\") NIL NIL NIL)");
    }

    @Test
    void mixedAttachmentRfc2231() {
        assertDovecot("From: sender@example.test\r\n"
                + "To: Team: a@example.test, \"B\" <b@example.test>;, c@example.test (Carol)\r\n"
                + "Cc: undisclosed-recipients:;\r\n"
                + "Subject: report\r\n"
                + "Date: Wed, 4 Feb 2026 08:00:00 +0000\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=outer; X-Extra=Keep\r\n"
                + "Content-Language: en-GB, de\r\n"
                + "\r\n"
                + "preamble\r\n"
                + "--outer\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "see attached\r\n"
                + "--outer\r\n"
                + "Content-Type: application/pdf; name*0*=utf-8''r%C3%A9sum; name*1=\".pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename*=utf-8''r%C3%A9sum.pdf; size=6\r\n"
                + "Content-ID: <part2@example.test>\r\n"
                + "Content-Description: the \"r\\u00e9sum\\u00e9\"\r\n"
                + "Content-Location: http://example.test/r.pdf\r\n"
                + "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\r\n"
                + "\r\n"
                + "AAECAw==\r\n"
                + "--outer--\r\n"
                + "epilogue\r\n",
                "(\"Wed, 4 Feb 2026 08:00:00 +0000\" \"report\" ((NIL NIL \"sender\" \"example.test\")) ((NIL NIL \"sender\" \"example.test\")) ((NIL NIL \"sender\" \"example.test\")) ((NIL NIL \"Team\" NIL)(NIL NIL \"a\" \"example.test\")(\"B\" NIL \"b\" \"example.test\")(NIL NIL NIL NIL)(\"Carol\" NIL \"c\" \"example.test\")) ((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) NIL NIL NIL)",
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 12 0)(\"application\" \"pdf\" (\"name*\" \"utf-8''r%C3%A9sum.pdf\") \"<part2@example.test>\" \"the \\\"r\\\\u00e9sum\\\\u00e9\\\"\" \"base64\" 8) \"mixed\")",
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 12 0 NIL NIL NIL NIL)(\"application\" \"pdf\" (\"name*\" \"utf-8''r%C3%A9sum.pdf\") \"<part2@example.test>\" \"the \\\"r\\\\u00e9sum\\\\u00e9\\\"\" \"base64\" 8 \"Q2hlY2sgSW50ZWdyaXR5IQ==\" (\"attachment\" (\"size\" \"6\" \"filename*\" \"utf-8''r%C3%A9sum.pdf\")) NIL \"http://example.test/r.pdf\") \"mixed\" (\"boundary\" \"outer\" \"X-Extra\" \"Keep\") NIL (\"en-GB\" \"de\") NIL)");
    }

    @Test
    void rfc2046SimpleBoundary() {
        assertDovecot("From: Nathaniel Borenstein <nsb@bellcore.com>\r\n"
                + "To: Ned Freed <ned@innosoft.com>\r\n"
                + "Date: Sun, 21 Mar 1993 23:56:48 -0800 (PST)\r\n"
                + "Subject: Sample message\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-type: multipart/mixed; boundary=\"simple boundary\"\r\n"
                + "\r\n"
                + "This is the preamble.  It is to be ignored, though it\r\n"
                + "is a handy place for composition agents to include an\r\n"
                + "explanatory note to non-MIME conformant readers.\r\n"
                + "\r\n"
                + "--simple boundary\r\n"
                + "\r\n"
                + "This is implicitly typed plain US-ASCII text.\r\n"
                + "It does NOT end with a linebreak.\r\n"
                + "--simple boundary\r\n"
                + "Content-type: text/plain; charset=us-ascii\r\n"
                + "\r\n"
                + "This is explicitly typed plain US-ASCII text.\r\n"
                + "It DOES end with a linebreak.\r\n"
                + "\r\n"
                + "--simple boundary--\r\n"
                + "\r\n"
                + "This is the epilogue.  It is also to be ignored.\r\n",
                "(\"Sun, 21 Mar 1993 23:56:48 -0800 (PST)\" \"Sample message\" ((\"Nathaniel Borenstein\" NIL \"nsb\" \"bellcore.com\")) ((\"Nathaniel Borenstein\" NIL \"nsb\" \"bellcore.com\")) ((\"Nathaniel Borenstein\" NIL \"nsb\" \"bellcore.com\")) ((\"Ned Freed\" NIL \"ned\" \"innosoft.com\")) NIL NIL NIL NIL)",
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 80 1)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 78 2) \"mixed\")",
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 80 1 NIL NIL NIL NIL)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 78 2 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"simple boundary\") NIL NIL NIL)");
    }

    @Test
    void addressEdgeCases() {
        assertDovecot("From: \"Joe\" <>\r\n"
                + "To: <x>, , @, foo bar <a@b> (comment), \"q\\\\\\\"x\" (c) <y@z>\r\n"
                + "Cc: a@b (Comment Name)\r\n"
                + "Bcc: =?utf-8?q?x?= <e@f>\r\n"
                + "Sender: Grp:;\r\n"
                + "Reply-To: \"  spaced\u0009name  \" <r@s>\r\n"
                + "Subject: \u0009 lead  tab\u0009\r\n"
                + "Message-ID:    <id@x>   \r\n"
                + "Date: \r\n"
                + "\r\n",
                "(\"\" {8}\r\nlead tab ((\"Joe\" NIL \"MISSING_MAILBOX\" \"MISSING_DOMAIN\")) ((NIL NIL \"Grp\" NIL)(NIL NIL NIL NIL)) (({11}\r\nspaced name NIL \"r\" \"s\")) ((NIL NIL \"x\" \"MISSING_DOMAIN\")(NIL NIL \"MISSING_MAILBOX\" \"MISSING_DOMAIN\")(NIL NIL \"MISSING_MAILBOX\" \"MISSING_DOMAIN\")(\"foo bar\" NIL \"a\" \"b\")({4}\r\nq\\\"x NIL \"y\" \"z\")) ((\"Comment Name\" NIL \"a\" \"b\")) ((\"=?utf-8?q?x?=\" NIL \"e\" \"f\")) NIL \"<id@x>   \")",
                "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)",
                "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)");
    }

    @Test
    void boundaryPrefixAndHeaderCutShort() {
        assertDovecot("Content-Type: multipart/alternative; boundary=\"ab\"\r\n"
                + "\r\n"
                + "--ab\r\n"
                + "Content-Type: text/plain\r\n"
                + "--ab\r\n"
                + "\r\n"
                + "body\n--abc\r\n"
                + "more\r\n"
                + "--ab--\r\n",
                "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 4 0)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0) \"alternative\")",
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 4 0 NIL NIL NIL NIL)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"ab\") NIL NIL NIL)");
    }

    @Test
    void commentsAndObsoletePhrase() {
        assertDovecot("To: a@b (x) , <c@d> (y), (z) e@f, \"\" <g@h>, \"John Q. Public\" <j@k>, John Q. Public <l@m>, \"john doe\"@x.y\r\n"
                + "\r\n",
                "(NIL NIL NIL NIL NIL ((\"x\" NIL \"a\" \"b\")(NIL NIL \"c\" \"d\")(NIL NIL \"e\" \"f\")(NIL NIL \"g\" \"h\")(\"John Q. Public\" NIL \"j\" \"k\")(\"John Q. Public\" NIL \"l\" \"m\")(NIL NIL \"john doe\" \"x.y\")) NIL NIL NIL NIL)",
                "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)",
                "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)");
    }

    @Test
    void contentFieldsKeepTheirCase() {
        assertDovecot("Content-Type: TEXT/Plain; CharSet=\"UTF-8\"; Format=Flowed\r\n"
                + "Content-Transfer-Encoding: Quoted-Printable\r\n"
                + "Content-ID: <id1>\r\n"
                + "Content-Description: desc \"x\"\r\n"
                + "Content-Disposition: Attachment; FileName*=utf-8''a                    .txt\r\n"
                + "Content-Language: en, DE\r\n"
                + "Content-Location: http://x/y\r\n"
                + "Content-MD5: abc\r\n"
                + "\r\n"
                + "line1\r\n"
                + "line2",
                "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                "(\"TEXT\" \"Plain\" (\"CharSet\" \"UTF-8\" \"Format\" \"Flowed\") \"<id1>\" \"desc \\\"x\\\"\" \"Quoted-Printable\" 12 1)",
                "(\"TEXT\" \"Plain\" (\"CharSet\" \"UTF-8\" \"Format\" \"Flowed\") \"<id1>\" \"desc \\\"x\\\"\" \"Quoted-Printable\" 12 1 \"abc\" (\"Attachment\" (\"FileName*\" \"utf-8''a\")) (\"en\" \"DE\") \"http://x/y\")");
    }

    @Test
    void digestPreambleEpilogue() {
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
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "txt\r\n"
                + "--b--\r\n"
                + "epi\r\n",
                "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                "((\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 39 (NIL \"inner\" ((NIL NIL \"x\" \"y\")) ((NIL NIL \"x\" \"y\")) ((NIL NIL \"x\" \"y\")) NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 0) 3)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 3 0) \"digest\")",
                "((\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 39 (NIL \"inner\" ((NIL NIL \"x\" \"y\")) ((NIL NIL \"x\" \"y\")) ((NIL NIL \"x\" \"y\")) NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 0 NIL NIL NIL NIL) 3 NIL NIL NIL NIL)(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 3 0 NIL NIL NIL NIL) \"digest\" (\"boundary\" \"b\") NIL NIL NIL)");
    }

    @Test
    void eightBitNameAndRawDate() {
        assertDovecot("From: Bj\u00f6rn <b@x>\r\n"
                + "Subject: =?utf-8?q?hi?= there\r\n"
                + "  folded\r\n"
                + "Date:   Mon, 1 Jan 2024 00:00:00 +0000  \r\n"
                + "Message-ID: <a@b>\r\n"
                + "In-Reply-To: <c@d> <e@f>\r\n"
                + "Bcc: nodomain\r\n"
                + "Reply-To: <@route:r@s>\r\n"
                + "\r\n",
                "(\"Mon, 1 Jan 2024 00:00:00 +0000  \" {27}\r\n=?utf-8?q?hi?= there folded (({6}\r\nBj\u00f6rn NIL \"b\" \"x\")) (({6}\r\nBj\u00f6rn NIL \"b\" \"x\")) ((NIL \"@route\" \"r\" \"s\")) NIL NIL ((NIL NIL \"nodomain\" \"MISSING_DOMAIN\")) \"<c@d> <e@f>\" \"<a@b>\")",
                "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)",
                "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)");
    }

    @Test
    void emptyAddressElement() {
        assertDovecot("To: a@b, , c@d\r\n"
                + "\r\n",
                "(NIL NIL NIL NIL NIL ((NIL NIL \"a\" \"b\")(NIL NIL \"MISSING_MAILBOX\" \"MISSING_DOMAIN\")(NIL NIL \"c\" \"d\")) NIL NIL NIL NIL)",
                "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)",
                "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)");
    }

    @Test
    void emptyMessage() {
        assertDovecot("",
                "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)",
                "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)");
    }

    @Test
    void foldedFields() {
        assertDovecot("Date: Mon, 1 Jan\r\n"
                + " 2024\r\n"
                + "Message-ID:\r\n"
                + " <a@b>\r\n"
                + "In-Reply-To: <x@y>\r\n"
                + "\u0009<z@w>\r\n"
                + "Subject: a\r\n"
                + "\u0009b\r\n"
                + "To: \"A\r\n"
                + " B\" <a@b>\r\n"
                + "Content-Description: d\r\n"
                + " e\r\n"
                + "Content-Type: text/plain; name=\"x\r\n"
                + " y\"\r\n"
                + "\r\n"
                + "x",
                "(\"Mon, 1 Jan 2024\" {3}\r\na b NIL NIL NIL ((\"A B\" NIL \"a\" \"b\")) NIL NIL \"<x@y>\u0009<z@w>\" \" <a@b>\")",
                "(\"text\" \"plain\" (\"name\" \"x y\" \"charset\" \"us-ascii\") NIL \"d e\" \"7bit\" 1 0)",
                "(\"text\" \"plain\" (\"name\" \"x y\" \"charset\" \"us-ascii\") NIL \"d e\" \"7bit\" 1 0 NIL NIL NIL NIL)");
    }

    @Test
    void headerWithoutSeparator() {
        assertDovecot("Subject: no separator",
                "(NIL \"no separator\" NIL NIL NIL NIL NIL NIL NIL NIL)",
                "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0)",
                "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)");
    }

    @Test
    void messageTypeInLowerCase() {
        assertDovecot("Content-Type: Message/RFC822\r\n"
                + "\r\n"
                + "Subject: x\r\n"
                + "\r\n"
                + "y",
                "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 15 (NIL \"x\" NIL NIL NIL NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 1 0) 2)",
                "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 15 (NIL \"x\" NIL NIL NIL NIL NIL NIL NIL NIL) (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 1 0 NIL NIL NIL NIL) 2 NIL NIL NIL NIL)");
    }

    @Test
    void multipartWithoutBoundary() {
        assertDovecot("Content-Type: multipart/mixed\r\n"
                + "\r\n"
                + "no boundary\r\n",
                "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0) \"mixed\")",
                "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL) \"mixed\" NIL NIL NIL NIL)");
    }

    @Test
    void multipartWithoutSubtype() {
        assertDovecot("Content-Type: multipart\r\n"
                + "\r\n"
                + "x",
                "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                "(\"application\" \"octet-stream\" NIL NIL NIL \"7bit\" 1)",
                "(\"application\" \"octet-stream\" NIL NIL NIL \"7bit\" 1 NIL NIL NIL NIL)");
    }

    @Test
    void parameterGarbage() {
        assertDovecot("Content-Type: text/plain; charset=utf-8; charset=iso-8859-1; =x; y; z=\r\n"
                + "Content-Disposition: ; a=b\r\n"
                + "\r\n"
                + "x",
                "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                "(\"text\" \"plain\" (\"charset\" \"utf-8\" \"charset\" \"iso-8859-1\" \"\" \"x\") NIL NIL \"7bit\" 1 0)",
                "(\"text\" \"plain\" (\"charset\" \"utf-8\" \"charset\" \"iso-8859-1\" \"\" \"x\") NIL NIL \"7bit\" 1 0 NIL (\"\" (\"a\" \"b\")) NIL NIL)");
    }

    @Test
    void quotedParamsAndEightBitId() {
        assertDovecot("Content-Type: Multipart/Mixed; boundary=x\r\n"
                + "\r\n"
                + "--x\r\n"
                + "Content-Type: text/plain; charset=\"iso-8859-1\"; name=\"a\\\\\\\"b\"\r\n"
                + "Content-ID: <\u00e9>\r\n"
                + "\r\n"
                + "a\r\n"
                + "\r\n"
                + "--x--\r\n",
                "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                "((\"text\" \"plain\" (\"charset\" \"iso-8859-1\" \"name\" \"a\\\\\\\"b\") {4}\r\n<\u00e9> NIL \"7bit\" 3 1) \"Mixed\")",
                "((\"text\" \"plain\" (\"charset\" \"iso-8859-1\" \"name\" \"a\\\\\\\"b\") {4}\r\n<\u00e9> NIL \"7bit\" 3 1 NIL NIL NIL NIL) \"Mixed\" (\"boundary\" \"x\") NIL NIL NIL)");
    }

    @Test
    void rfc2231Continuations() {
        assertDovecot("Content-Type: multipart/mixed; boundary=\"b\"; X=Y\r\n"
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
                + "--b--",
                "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                "((\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 119 (NIL \"fwd\" NIL NIL NIL NIL NIL NIL NIL NIL) ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 1 0)(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 3 0) \"alternative\") 11)(\"application\" \"octet-stream\" (\"name\" \"longname.bin\") NIL NIL \"base64\" 4) \"mixed\")",
                "((\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 119 (NIL \"fwd\" NIL NIL NIL NIL NIL NIL NIL NIL) ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 1 0 NIL NIL NIL NIL)(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 3 0 NIL NIL NIL NIL) \"alternative\" (\"boundary\" \"c\") NIL NIL NIL) 11 NIL NIL NIL NIL)(\"application\" \"octet-stream\" (\"name\" \"longname.bin\") NIL NIL \"base64\" 4 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"b\" \"X\" \"Y\") (\"inline\" NIL) NIL NIL)");
    }
}
