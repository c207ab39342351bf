package org.postilion.connector.spi;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SASLprep (RFC 4013): the examples of its section 3, and the tables it refers to. */
class SaslPrepTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // RFC 4013 section 3, examples 1 to 5
        "I\u00ADX | IX", "user | user", "USER | USER", "\u00AA | a", "\u2168 | IX",
        // non-ASCII spaces become spaces, "commonly mapped to nothing" goes, NFKC composes and unfolds ligatures
        "a\u00A0b | a b", "a\u2003b | a b", "a\u200Bb | ab", "a\uFEFFb | ab", "\uFB01le | file",
        "e\u0301 | \u00E9", "\u0627\u0628 | \u0627\u0628"
    })
    void preparesAsRfc4013Section3Says(String input, String prepared) {
        assertEquals(Optional.of(prepared), SaslPrep.prepare(input));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\u007Fb", "a\u0085b", "a\u2028b", "\uE000", "a\uFFFEb",
        "\uD800", "\uFFFD", "\u2FF0", "a\u200Eb", "\uDB40\uDC01", "\u0627a\u0628", "a\u0627",
        // RFC 4013 section 3, examples 6 and 7
        "\u0007", "\u0627\u0031"})
    void refusesProhibitedCharactersAndMixedDirections(String input) {
        assertEquals(Optional.empty(), SaslPrep.prepare(input));
    }
}
