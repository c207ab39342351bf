package org.postilion.connector.imap.request;

import org.junit.jupiter.api.Test;
import org.postilion.connector.imap.decode.ImapArg;
import org.postilion.connector.imap.process.Args;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FETCH items and sections (RFC 9051 section 6.4.5) as typed values, and the refusals. */
class FetchRequestTest {

    private static FetchItem.Section section(String atom) {
        return assertInstanceOf(FetchItem.Section.class, FetchRequest.item(atom));
    }

    @Test
    void expandsTheMacros() {
        FetchRequest r = FetchRequest.parse(List.of(new ImapArg.Atom("1:*"), new ImapArg.Atom("full")));
        assertEquals(List.of(FetchItem.Kind.FLAGS, FetchItem.Kind.INTERNALDATE, FetchItem.Kind.RFC822_SIZE,
                FetchItem.Kind.ENVELOPE, FetchItem.Kind.BODY),
                r.items().stream().map(i -> ((FetchItem.Simple) i).kind()).toList());
    }

    @Test
    void readsHeaderFieldsWithAPartial() {
        FetchItem.Section s = section("BODY.PEEK[HEADER.FIELDS (From \"To\")]<0.2048>");
        assertTrue(s.peek());
        assertEquals(FetchItem.Text.HEADER_FIELDS, s.text());
        assertEquals(List.of("From", "To"), s.fields());
        assertEquals(0, s.offset());
        assertEquals(2048, s.length());
        assertEquals("BODY[HEADER.FIELDS (From To)]", s.responseName());
    }

    @Test
    void readsPartNumbersAndTheirTexts() {
        FetchItem.Section mime = section("body[1.2.MIME]");
        assertEquals("1.2", mime.part());
        assertEquals(FetchItem.Text.MIME, mime.text());
        assertEquals("BODY[1.2.MIME]", mime.responseName());
        assertFalse(mime.peek());
        assertEquals("3", section("BODY[3]").part());
        assertEquals(FetchItem.Text.TEXT, section("BODY[2.TEXT]").text());
        assertEquals("BODY[]", section("BODY[]").responseName());
    }

    @Test
    void readsBinaryAndItsSize() {
        FetchItem.Section b = section("BINARY.PEEK[1]<5.10>");
        assertTrue(b.binary());
        assertEquals("BINARY[1]", b.responseName());
        FetchItem.Section size = section("BINARY.SIZE[2]");
        assertTrue(size.size());
        assertFalse(size.setsSeen());
    }

    @Test
    void readsTheRfc822Items() {
        assertTrue(section("RFC822.HEADER").peek());
        assertEquals(FetchItem.Text.TEXT, section("RFC822.TEXT").text());
        assertTrue(section("RFC822").setsSeen());
    }

    @Test
    void readsTheCondstoreModifiers() {
        FetchRequest r = FetchRequest.parse(List.of(new ImapArg.Atom("1"), new ImapArg.Atom("FLAGS"),
                new ImapArg.ListArg(List.of(new ImapArg.Atom("CHANGEDSINCE"), new ImapArg.Atom("12345"),
                        new ImapArg.Atom("VANISHED")))));
        assertEquals(12345, r.changedSince());
        assertTrue(r.vanished());
    }

    @Test
    void refusesMalformedItems() {
        for (String bad : List.of("BODY[", "BODY[HEADER.FIELDS]", "BODY[HEADER.FIELDS ()]", "BODY[0]", "BODY[1.]",
                "BODY[MIME]", "BODY[]<1>", "BODY[]<1.0>", "BODY[]<a.b>", "BINARY[HEADER]", "BINARY.SIZE[1]<0.1>",
                "BODY.PEAK[]", "BODY[TEXTX]", "BODY[HEADER.FIELDS (A:B)]", "X-UNKNOWN", "BODY[1]<99999999999.1>")) {
            assertThrows(Args.BadArguments.class, () -> FetchRequest.item(bad), bad);
        }
        assertThrows(Args.BadArguments.class, () -> FetchRequest.parse(List.of(new ImapArg.Atom("1"),
                new ImapArg.Atom("FLAGS"), new ImapArg.ListArg(List.of(new ImapArg.Atom("VANISHED"))))));
        assertThrows(Args.BadArguments.class, () -> FetchRequest.parse(List.of(new ImapArg.Atom("1"),
                new ImapArg.ListArg(List.of()))));
    }
}
