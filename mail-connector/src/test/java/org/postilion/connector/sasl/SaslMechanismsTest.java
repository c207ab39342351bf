package org.postilion.connector.sasl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry: what is advertised, and names in any case. */
class SaslMechanismsTest {

    private final FakeSaslCredentials credentials = new FakeSaslCredentials();

    @Test
    void advertisesScramPlainAndLoginInThatOrder() {
        assertEquals("SCRAM-SHA-256 PLAIN LOGIN", String.join(" ", SaslMechanisms.ADVERTISED));
    }

    @Test
    void createsEveryAdvertisedMechanismUnderItsName() {
        for (String name : SaslMechanisms.ADVERTISED) {
            assertTrue(SaslMechanisms.isSupported(name), name);
            assertEquals(name, SaslMechanisms.create(name, credentials).orElseThrow().name());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scram-sha-256", "Scram-Sha-256", "plain", "Plain", "login", "LoGiN"})
    void createsAMechanismWhateverTheCaseOfItsName(String name) {
        assertEquals(name.toUpperCase(Locale.ROOT), SaslMechanisms.create(name, credentials).orElseThrow().name());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"CRAM-MD5", "SCRAM-SHA-256-PLUS", "SCRAM-SHA-1", "GSSAPI", "XOAUTH2", "PLAIN ", " PLAIN",
        "\u017Fcram-sha-256", "LOG\u0130N", "PLAIN\0"})
    void createsNothingForANameItDoesNotKnow(String name) {
        assertTrue(SaslMechanisms.create(name, credentials).isEmpty());
        assertFalse(SaslMechanisms.isSupported(name));
    }

    @Test
    void startsANewExchangeEachTime() {
        assertNotSame(SaslMechanisms.create("PLAIN", credentials).orElseThrow(),
                SaslMechanisms.create("PLAIN", credentials).orElseThrow());
    }

    @Test
    void cannotBeChangedByItsUsers() {
        List<String> advertised = SaslMechanisms.ADVERTISED;

        assertThrows(UnsupportedOperationException.class, () -> advertised.add("ANONYMOUS"));
    }
}
