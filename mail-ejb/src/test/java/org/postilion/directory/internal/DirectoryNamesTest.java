package org.postilion.directory.internal;

import org.junit.jupiter.api.Test;
import org.postilion.directory.DirectoryException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How the directory validates and normalises domain names and addresses given to the admin API. */
class DirectoryNamesTest {

    @Test
    void lowerCasesDomainsAndDropsTheRootDot() throws DirectoryException {
        assertEquals("example.com", JpaDirectoryService.normalizeDomain(" Example.COM. "));
        assertEquals("a-b.c0.test", JpaDirectoryService.normalizeDomain("a-b.c0.test"));
        assertEquals("localhost", JpaDirectoryService.normalizeDomain("localhost"));
    }

    @Test
    void refusesWhatIsNotAHostName() {
        for (String bad : new String[] {"", " ", ".", "a..b", "-a.test", "a-.test", "a b.test", "a_b.test",
                "[192.0.2.1]", "x@y.test", "a".repeat(64) + ".test", ("a".repeat(60) + ".").repeat(5) + "test",
                "ex\u00e4mple.test", "a.test\r\nb"}) {
            DirectoryException e = assertThrows(DirectoryException.class, () -> JpaDirectoryService.normalizeDomain(bad),
                    bad);
            assertEquals(DirectoryException.Kind.INVALID, e.kind());
        }
        assertThrows(DirectoryException.class, () -> JpaDirectoryService.normalizeDomain(null));
    }

    @Test
    void splitsAddressesAtTheLastAtSign() throws DirectoryException {
        assertArrayEquals(new String[] {"bob", "example.com"}, JpaDirectoryService.splitAddress("Bob@Example.com"));
        assertArrayEquals(new String[] {"first.last+tag", "x.test"},
                JpaDirectoryService.splitAddress("first.last+tag@x.test"));
    }

    @Test
    void refusesAddressesThatAreNotDotAtoms() {
        for (String bad : new String[] {"", "bob", "@x.test", "bob@", "a b@x.test", ".bob@x.test", "bob.@x.test",
                "bo..b@x.test", "\"quoted\"@x.test", "a@b@x.test", "x".repeat(65) + "@x.test", "bob@-x.test"}) {
            assertThrows(DirectoryException.class, () -> JpaDirectoryService.splitAddress(bad), bad);
        }
    }
}
