package org.postilion.mailbox.structure;

import org.junit.jupiter.api.Test;
import org.postilion.mailbox.structure.MimeParameters.ContentType;
import org.postilion.mailbox.structure.MimeParameters.Disposition;
import org.postilion.mailbox.structure.MimeParameters.Parameter;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Content-Type, Content-Disposition and Content-Language values (RFC 2045, 2183, 2231, 3282). */
class MimeParametersTest {

    private static Parameter p(String name, String value) {
        return new Parameter(name, value);
    }

    @Test
    void keepsTheCaseOfEverything() {
        ContentType t = MimeParameters.contentType("TEXT/Plain; CharSet=\"UTF-8\"; Format=Flowed");
        assertEquals(new ContentType("TEXT", "Plain", List.of(p("CharSet", "UTF-8"), p("Format", "Flowed"))), t);
        assertEquals("text/plain", t.mediaType());
        assertEquals("UTF-8", t.parameter("charset"));
    }

    @Test
    void skipsCommentsAndWhiteSpace() {
        assertEquals(new ContentType("multipart", "mixed", List.of(p("boundary", "a b"))),
                MimeParameters.contentType(" (c) multipart (x) / mixed ; (y) boundary = \"a b\" (z)"));
    }

    @Test
    void keepsABrokenTypeAsFarAsDovecotDoes() {
        assertEquals(new ContentType("text", "", List.of()), MimeParameters.contentType("text"));
        ContentType broken = new ContentType("", "", List.of());
        assertEquals(broken, MimeParameters.contentType(""));
        assertEquals(broken, MimeParameters.contentType("/plain"));
        assertEquals(broken, MimeParameters.contentType("text/plain-1\"; name=x"));
        assertEquals(broken, MimeParameters.contentType("multipart/mixed/x; boundary=b"));
        assertEquals(broken, MimeParameters.contentType("multipart; boundary=b"));
        assertNull(MimeParameters.contentType(null));
    }

    @Test
    void joinsRfc2231ContinuationsInOrder() {
        assertEquals(List.of(p("name", "longname.bin")),
                MimeParameters.contentType("a/b; name*1=\"name.bin\"; name*0=\"long\"").parameters());
    }

    @Test
    void keepsCharsetEncodedValuesEncodedAndPutsThemLast() {
        assertEquals(List.of(p("size", "3"), p("filename*", "utf-8''a%20b.txt")),
                MimeParameters.disposition("attachment; filename*=utf-8''a%20b.txt; size=3").parameters());
        assertEquals(List.of(p("name*", "utf-8''%C3%A9.txt")),
                MimeParameters.contentType("a/b; name*0*=utf-8''%C3%A9; name*1=\".txt\"").parameters());
    }

    @Test
    void percentEncodesAPlainSectionJoinedToEncodedOnes() {
        assertEquals(List.of(p("name*", "utf-8''%C3%A9%20100%25")),
                MimeParameters.contentType("a/b; name*0*=utf-8''%C3%A9; name*1=\" 100%\"").parameters());
    }

    @Test
    void recoversFromGarbageAsDovecotDoes() {
        // "y" has no value: the semicolon after it goes with it, and so does z
        assertEquals(List.of(p("charset", "utf-8"), p("", "x")),
                MimeParameters.contentType("text/plain; charset=utf-8; =x; y; z=1").parameters());
        assertEquals(List.of(p("a", ""), p("z", "")),
                MimeParameters.contentType("text/plain; a=)b; z=").parameters());
        assertEquals(List.of(p("a", "b"), p("c", "d"), p("e", "f")),
                MimeParameters.contentType("text/plain; a= b; c =d; e = \"f\"").parameters());
        assertEquals(List.of(p("g", "h"), p("j", "k")),
                MimeParameters.contentType("text/plain; g=h\ri; j=k").parameters());
    }

    @Test
    void takesAnUnquotedEncodedWordWhole() {
        assertEquals(List.of(p("name", "=?utf-8?q?a=20b?="), p("x", "y")),
                MimeParameters.contentType("a/b; name==?utf-8?q?a=20b?=; x=y").parameters());
    }

    @Test
    void listsRepeatedRfc2231SectionsUnjoined() {
        assertEquals(List.of(p("name*0", "long"), p("name*0", "long"), p("name*1", "name.bin")),
                MimeParameters.contentType("a/b; name*0=long; name*0=long; name*1=name.bin").parameters());
        assertEquals(List.of(p("FileName*0*", "utf-8''a"), p("FileName*0*", "utf-8''b")),
                MimeParameters.disposition("x; FileName*=utf-8''a; FileName*=utf-8''b").parameters());
    }

    @Test
    void readsADispositionWithoutTypeAsDovecotShowsIt() {
        assertEquals(new Disposition("", List.of(p("a", "b"))), MimeParameters.disposition("; a=b"));
        assertEquals(new Disposition("inline", List.of()), MimeParameters.disposition("inline"));
    }

    @Test
    void listsLanguages() {
        assertEquals(List.of("en-GB", "de"), MimeParameters.languages(" en-GB , de"));
        assertEquals(List.of(), MimeParameters.languages(null));
        assertEquals(List.of(), MimeParameters.languages(","));
    }

    @Test
    void stopsAtTheParameterLimit() {
        String many = "a/b" + "; x=y".repeat(10_000);
        assertEquals(MimeParameters.PARAMETER_LIMIT, MimeParameters.contentType(many).parameters().size());
    }

    @Test
    void survivesUnterminatedQuotesAndComments() {
        // an unterminated quoted value is dropped, as Dovecot drops it (and with it a boundary)
        assertEquals(List.of(), MimeParameters.contentType("a/b; name=\"open").parameters());
        assertEquals(List.of(), MimeParameters.contentType("a/b (never closed; name=x").parameters());
    }
}
