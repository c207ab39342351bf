package org.postilion.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** New passwords: long enough, not the account's name, not what guessers try first. */
class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(8);

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery staple", "tangerine kettle drum", "bob's password",
            "carol's long password", "Zq7#vL2p", "a user's password", "the real password"})
    void acceptsPasswordsNotOnTheListAndNotTheName(String password) {
        assertEquals(Optional.empty(), policy.problem(password, "bob@example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "Password1", "PASSWORD123", "password!", "P@ssw0rd", "p@$$w0rd!!",
            "qwertyuiop", "Qwerty123!", "iloveyou", "letmein123", "Summer2024!", "football1", "administrator",
            "welcome1", "trustno1", "1q2w3e4r", "changeme!"})
    void refusesCommonPasswordsWithTheirUsualDisguises(String password) {
        assertTrue(policy.problem(password, "bob@example.com").orElseThrow().contains("guessers"), password);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678", "87654321", "abcdefgh", "0123456789", "hgfedcba"})
    void refusesRunsOfConsecutiveCharacters(String password) {
        assertTrue(policy.problem(password, null).isPresent(), password);
    }

    @Test
    void refusesOneCharacterRepeated() {
        assertTrue(policy.problem("zzzzzzzzzz", null).orElseThrow().contains("repeated"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"anna.berg@example.com", "ANNA.BERG@EXAMPLE.COM", "anna.berg", "anna.berg2024",
            "example.com", " anna.berg@example.com "})
    void refusesTheAccountsOwnName(String password) {
        assertTrue(policy.problem(password, "anna.berg@example.com").orElseThrow().contains("own name"), password);
    }

    @Test
    void refusesAnAdministratorsNameAsPassword() {
        assertTrue(policy.problem("operations", "operations").orElseThrow().contains("own name"));
        assertEquals(Optional.empty(), policy.problem("operations team console", "operations"),
                "containing the name is allowed; being it is not");
    }

    @Test
    void lengthIsCountedInCharactersNotOctets() {
        assertEquals(Optional.empty(), policy.problem("日本語のパスワード", null), "9 characters");
        assertTrue(policy.problem("日本語パス", null).orElseThrow().contains("8 to 1024"), "5 characters, 15 octets");
        assertTrue(policy.problem("x".repeat(1025), null).orElseThrow().contains("8 to 1024"));
        assertTrue(policy.problem(null, null).isPresent());
    }

    @Test
    void theMinimumLengthIsConfigurable() {
        PasswordPolicy strict = new PasswordPolicy(14);
        assertTrue(strict.problem("tangerine kett", null).isEmpty());
        assertTrue(strict.problem("tangerine ket", null).orElseThrow().contains("14 to 1024"));
        assertThrows(IllegalArgumentException.class, () -> new PasswordPolicy(0));
    }

    @Test
    void undoesTheUsualSubstitutionsAndStripsTrailingDigitsAndSymbols() {
        assertEquals("password", PasswordPolicy.unsubstitute("p@$$w0rd"));
        assertEquals("summer", PasswordPolicy.stripTail("summer2024!"));
        assertEquals("12345678", PasswordPolicy.stripTail("12345678"), "nothing left: the whole");
    }
}
