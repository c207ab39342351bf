package org.postilion.connector.imap.encode;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransferDecodingTest {

    private static String qp(String s) {
        return new String(TransferDecoding.quotedPrintable(s.getBytes(StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
    }

    @Test
    void decodesQuotedPrintableEscapesAndSoftLineBreaks() {
        assertEquals("caf\u00e9 = ok", qp("caf=E9 =3D ok"));
        assertEquals("one long line", qp("one lo=\r\nng line"));
        assertEquals("bare lf", qp("bare =\nlf"));
        assertEquals("trailing", qp("trail= \t\r\ning"));
    }

    @Test
    void keepsMalformedEscapesAsTheyAre() {
        assertEquals("=ZZ and =4", qp("=ZZ and =4"));
        assertEquals("end", qp("end="));
    }

    @Test
    void decodesBase64WithLineBreaksAndStrayCharacters() {
        byte[] decoded = TransferDecoding.decode("base64", "aGVs\r\nbG8g*d29y\r\nbGQ=\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals("hello world", new String(decoded, StandardCharsets.US_ASCII));
        assertEquals("hi", new String(TransferDecoding.decode("base64", "aGk=a".getBytes(StandardCharsets.US_ASCII)),
                StandardCharsets.US_ASCII), "a dangling partial quantum is dropped");
    }

    @Test
    void knowsWhichEncodingsItCanUndo() {
        assertTrue(TransferDecoding.isKnown("quoted-printable"));
        assertTrue(TransferDecoding.isKnown("7bit"));
        assertFalse(TransferDecoding.isKnown("x-uuencode"));
    }
}
