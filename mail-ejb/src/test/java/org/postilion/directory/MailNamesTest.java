package org.postilion.directory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How names given to the admin API are validated and written down. */
class MailNamesTest {

    @Test
    void lowerCasesDomainsAndDropsTheRootDot() throws DirectoryException {
        assertEquals("example.com", MailNames.domain(" Example.COM. "));
        assertEquals("a-b.c0.test", MailNames.domain("a-b.c0.test"));
        assertEquals("localhost", MailNames.domain("localhost"));
    }

    /** RFC 3492 section 7.1 and the IDNA examples everyone uses: U-labels become A-labels, A-labels stay. */
    @Test
    void internationalizedNamesAreStoredAsALabels() throws DirectoryException {
        assertEquals("xn--bcher-kva.example", MailNames.domain("bücher.example"));
        assertEquals("xn--bcher-kva.example", MailNames.domain("BÜCHER.example."));
        assertEquals("xn--bcher-kva.example", MailNames.domain("xn--bcher-kva.example"));
        assertEquals("xn--bcher-kva.example", MailNames.domain("XN--BCHER-KVA.EXAMPLE"));
        assertEquals("xn--exmple-cua.test", MailNames.domain("ex\u00e4mple.test"));
        assertEquals("xn--exmple-cua.test", MailNames.domain("exa\u0308mple.test"), "NFD is the same name");
        assertEquals("xn--fiqs8s.xn--fiqz9s", MailNames.domain("中国.中國"));
        assertEquals("bücher.example", MailNames.unicodeDomain("xn--bcher-kva.example"));
        assertNull(MailNames.unicodeDomain("example.com"), "an ASCII name has no other form");
        assertEquals("ab.test", MailNames.domain("ab\u200b.test"),
                "nameprep (RFC 3491) maps a zero-width space to nothing, as the SMTP side does");
    }

    @Test
    void refusesWhatIsNotAHostName() {
        for (String bad : new String[] {"", " ", ".", "a..b", "-a.test", "a-.test", "a b.test", "a_b.test",
                "[192.0.2.1]", "x@y.test", "a".repeat(64) + ".test", ("a".repeat(60) + ".").repeat(5) + "test",
                "a.test\r\nb", "xn--zz.test", "xn--.test", "bü cher.test", "\u0000.test", "a\u0007b.test"}) {
            DirectoryException e = assertThrows(DirectoryException.class, () -> MailNames.domain(bad), bad);
            assertEquals(DirectoryException.Kind.INVALID, e.kind());
        }
        assertThrows(DirectoryException.class, () -> MailNames.domain(null));
    }

    @Test
    void splitsAddressesAtTheLastAtSign() throws DirectoryException {
        assertArrayEquals(new String[] {"bob", "example.com"}, MailNames.address("Bob@Example.com"));
        assertArrayEquals(new String[] {"first.last+tag", "x.test"}, MailNames.address("first.last+tag@x.test"));
        assertArrayEquals(new String[] {"anna", "xn--bcher-kva.example"}, MailNames.address("anna@bücher.example"));
    }

    /** RFC 6531: UTF-8 local parts, compared in NFC and lower case. */
    @Test
    void acceptsUtf8LocalParts() throws DirectoryException {
        assertArrayEquals(new String[] {"jürgen", "example.com"}, MailNames.address("Jürgen@example.com"));
        assertArrayEquals(new String[] {"jürgen", "example.com"}, MailNames.address("Ju\u0308rgen@example.com"));
        assertArrayEquals(new String[] {"用户", "example.com"}, MailNames.address("用户@example.com"));
        assertArrayEquals(new String[] {"δοκιμή", "xn--hxajbheg2az3al.xn--jxalpdlp"},
                MailNames.address("ΔΟΚΙΜΉ@παράδειγμα.δοκιμή"));
    }

    @Test
    void refusesAddressesThatAreNotDotAtoms() {
        for (String bad : new String[] {"", "bob", "@x.test", "bob@", "a b@x.test", ".bob@x.test", "bob.@x.test",
                "bo..b@x.test", "\"quoted\"@x.test", "a@b@x.test", "x".repeat(65) + "@x.test", "bob@-x.test",
                "bo\u0000b@x.test", "bo\u200bb@x.test", "bo\u00a0b@x.test", "bob\r\n@x.test", null}) {
            assertThrows(DirectoryException.class, () -> MailNames.address(bad), String.valueOf(bad));
        }
    }
}
