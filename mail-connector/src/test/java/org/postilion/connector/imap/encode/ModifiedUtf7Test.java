package org.postilion.connector.imap.encode;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Modified UTF-7 (RFC 3501 section 5.1.3), with the RFC's example. */
class ModifiedUtf7Test {

    @Test
    void encodesTheRfcExample() {
        assertEquals("~peter/mail/&U,BTFw-/&ZeVnLIqe-", ModifiedUtf7.encode("~peter/mail/\u53f0\u5317/\u65e5\u672c\u8a9e"));
    }

    @Test
    void decodesTheRfcExample() {
        assertEquals("~peter/mail/\u53f0\u5317/\u65e5\u672c\u8a9e", ModifiedUtf7.decode("~peter/mail/&U,BTFw-/&ZeVnLIqe-"));
    }

    @Test
    void escapesTheAmpersand() {
        assertEquals("Tom &- Jerry", ModifiedUtf7.encode("Tom & Jerry"));
        assertEquals("Tom & Jerry", ModifiedUtf7.decode("Tom &- Jerry"));
    }

    @Test
    void roundTripsCharactersOutsideTheBasicPlane() {
        String name = "Emoji \uD83D\uDE00 and \u00e4";
        assertEquals(name, ModifiedUtf7.decode(ModifiedUtf7.encode(name)));
    }

    @Test
    void refusesMalformedInput() {
        assertThrows(IllegalArgumentException.class, () -> ModifiedUtf7.decode("&ZeVnLIqe"), "unterminated");
        assertThrows(IllegalArgumentException.class, () -> ModifiedUtf7.decode("&AGEAYgBj-"), "encoded ASCII");
        assertThrows(IllegalArgumentException.class, () -> ModifiedUtf7.decode("&Z-"), "half a UTF-16 unit");
        assertThrows(IllegalArgumentException.class, () -> ModifiedUtf7.decode("\u00e4"), "8-bit");
        assertThrows(IllegalArgumentException.class, () -> ModifiedUtf7.decode("&!!!-"), "not base64");
    }
}
