package org.postilion.security;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** How app passwords are recognised at login, whatever way the user typed them. */
class AppPasswordsTest {

    @Test
    void dashesSpacesAndCaseDoNotMatter() {
        assertEquals("abcdefghjkmnpqrs", AppPasswords.normalize("abcd-efgh-jkmn-pqrs"));
        assertEquals("abcdefghjkmnpqrs", AppPasswords.normalize("ABCD EFGH JKMN PQRS"));
        assertEquals("abcdefghjkmnpqrs", AppPasswords.normalize("abcdefghjkmnpqrs"));
    }

    @Test
    void anythingElseIsNotAnAppPasswordAndCostsNoLookup() {
        assertNull(AppPasswords.normalize(null));
        assertNull(AppPasswords.normalize("correct horse battery staple"));
        assertNull(AppPasswords.normalize("abcd-efgh-jkmn-pqr"), "15 characters");
        assertNull(AppPasswords.normalize("abcd-efgh-jkmn-pqrst"), "17 characters");
        assertNull(AppPasswords.normalize("abcd-efgh-jkmn-pqr1"), "1 is not in the alphabet");
        assertNull(AppPasswords.normalize("abcd-efgh-jkmn-pqro"), "o is not in the alphabet");
        assertNull(AppPasswords.normalize("a".repeat(41)));
    }
}
