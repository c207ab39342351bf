package org.postilion.connector.imap.encode;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImapStringsTest {

    @Test
    void quotesAndEscapes() {
        assertEquals("\"a \\\"b\\\" \\\\c\"", ImapStrings.string("a \"b\" \\c", false));
    }

    @Test
    void sendsWhatCannotBeQuotedAsALiteral() {
        assertEquals("{4}\r\na\r\nb", ImapStrings.string("a\r\nb", false));
        assertEquals("{2}\r\n\u00e4", ImapStrings.string("\u00e4", false), "8-bit without UTF-8: literal of UTF-8 octets");
        assertEquals("\"\u00e4\"", ImapStrings.string("\u00e4", true));
    }

    @Test
    void writesAtomsOnlyWhereTheyAreAtomsAndNotNil() {
        assertEquals("Drafts", ImapStrings.astring("Drafts", false));
        assertEquals("\"NIL\"", ImapStrings.astring("NIL", false));
        assertEquals("\"a b\"", ImapStrings.astring("a b", false));
        assertEquals("\"\"", ImapStrings.astring("", false));
        assertTrue(ImapStrings.isAtom("$Forwarded"));
        assertFalse(ImapStrings.isAtom("a]"));
    }

    @Test
    void writesMailboxNamesInModifiedUtf7UnlessUtf8IsOn() {
        assertEquals("INBOX", ImapStrings.mailbox("INBOX", false));
        assertEquals("\"&ZeVnLIqe-\"", ImapStrings.mailbox("\u65e5\u672c\u8a9e", false));
        assertEquals("\"\u65e5\u672c\u8a9e\"", ImapStrings.mailbox("\u65e5\u672c\u8a9e", true));
    }
}
