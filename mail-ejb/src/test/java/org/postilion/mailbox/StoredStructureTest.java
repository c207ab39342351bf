package org.postilion.mailbox;

import org.junit.jupiter.api.Test;
import org.postilion.connector.spi.imap.MimePart;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StoredStructureTest {

    @Test
    void partsSurviveTheirTextColumn() {
        List<MimePart> parts = List.of(
                new MimePart("", "multipart/mixed", "7bit", 0, 120, 900, 0, -1),
                new MimePart("1", "text/plain", "quoted-printable", 140, 200, 400, 7, -1),
                new MimePart("2", "message/rfc822", "7bit", 420, 480, 880, 12, 600),
                new MimePart("2.1", "text/plain", "7bit", 480, 600, 880, 5, -1));
        StoredStructure s = new StoredStructure("NIL", "NIL", "NIL", 120, StoredStructure.encodeParts(parts));
        assertEquals(parts, s.parts());
    }

    @Test
    void noPartsIsAnEmptyList() {
        assertEquals(List.of(), new StoredStructure("NIL", "NIL", "NIL", 0, "").parts());
    }
}
