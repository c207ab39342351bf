package org.postilion.connector.imap.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postilion.connector.imap.search.ImapEnvelope.Address;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading back ENVELOPE strings (RFC 9051 section 7.5.2). */
class ImapEnvelopeTest {

    /** The ENVELOPE of the RFC 3501 section 8 sample session. */
    private static final String RFC3501 = "(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" "
            + "\"IMAP4rev1 WG mtg summary and minutes\" "
            + "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
            + "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
            + "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
            + "((NIL NIL \"imap\" \"cac.washington.edu\")) "
            + "((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL "
            + "\"<B27397-0100000@cac.washington.edu>\")";

    @Test
    void readsTheRfc3501SampleEnvelope() {
        ImapEnvelope e = ImapEnvelope.parse(RFC3501);

        assertEquals("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)", e.date());
        assertEquals("IMAP4rev1 WG mtg summary and minutes", e.subject());
        assertEquals(List.of(new Address("Terry Gray", null, "gray", "cac.washington.edu")), e.from());
        assertEquals("imap@cac.washington.edu", e.to().get(0).addrSpec());
        assertEquals(2, e.cc().size());
        assertEquals("John Klensin", e.cc().get(1).name());
        assertTrue(e.bcc().isEmpty());
        assertNull(e.inReplyTo());
        assertEquals("<B27397-0100000@cac.washington.edu>", e.messageId());
    }

    @Test
    void readsLiteralsEscapesAndUtf8() {
        String lit = "Grüße \"x\"";
        int octets = lit.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        ImapEnvelope e = ImapEnvelope.parse("(nil {" + octets + "}\r\n" + lit
                + " ((\"Quote \\\" and \\\\\" NIL \"a\" \"b\")) NIL NIL NIL NIL NIL \"<x@y>\" NIL)");

        assertNull(e.date());
        assertEquals(lit, e.subject());
        assertEquals("Quote \" and \\", e.from().get(0).name());
        assertEquals("<x@y>", e.inReplyTo());
    }

    @Test
    void leavesGroupMarkersOut() {
        ImapEnvelope e = ImapEnvelope.parse("(NIL NIL NIL NIL NIL ((NIL NIL \"undisclosed\" NIL)(NIL NIL \"u\" \"v\")"
                + "(NIL NIL NIL NIL)) NIL NIL NIL NIL)");

        assertEquals(List.of(new Address(null, null, "u", "v")), e.to());
    }

    @Test
    void decodesNamesAndSubjects() {
        ImapEnvelope e = ImapEnvelope.parse("(NIL \"=?UTF-8?Q?=C3=84?=\" ((\"=?UTF-8?B?w4Q=?=\" NIL \"a\" \"b\")) "
                + "NIL NIL NIL NIL NIL NIL NIL)");

        assertEquals("Ä", e.decodedSubject());
        assertEquals("Ä", e.from().get(0).displayName());
        assertEquals("Ä <a@b>", ImapEnvelope.searchText(e.from()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "(", "()", "(NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
            "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)", "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) x",
            "(\"unterminated NIL NIL NIL NIL NIL NIL NIL NIL NIL)", "(NIL NIL ((NIL NIL \"a\")) NIL NIL NIL NIL NIL NIL NIL)",
            "({5}\r\nab NIL NIL NIL NIL NIL NIL NIL NIL NIL)", "({99999999999999999999}\r\nab NIL)", "({x}\r\n NIL)",
            "({2} NIL)", "(NIL NIL (NIL) NIL NIL NIL NIL NIL NIL NIL)", "(NIL NIL x NIL NIL NIL NIL NIL NIL NIL)",
            "(\"a\\"})
    void refusesMalformedEnvelopes(String envelope) {
        assertThrows(IllegalArgumentException.class, () -> ImapEnvelope.parse(envelope));
    }
}
