package org.postilion.connector.smtp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** xtext (RFC 3461 section 4), as ENVID, ORCPT and AUTH= carry it, on the examples of RFC 3461 section 6. */
class XtextTest {

    @ParameterizedTest
    @ValueSource(strings = {"QQ314159", "rfc822;Bob@Example.COM", "rfc822;Carol@Ivory.EDU", "rfc822;Dana@Ivory.EDU",
            "rfc822;Eric@Bombs.AF.MIL", "rfc822;George@Tax-ME.GOV", "!#$%&'()*,-./:;<>?@[\\]^_`{|}~"})
    void readsPrintableAsciiOtherThanPlusAndEqualsAsItself(String xtext) {
        assertTrue(Xtext.isValid(xtext));
        assertEquals(xtext, Xtext.decode(xtext));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a+2Bb|a+b",
            "a+3Db|a=b",
            "George+20Jetson|George Jetson",
            "+2B+2B|++",
            "x+7E|x~"})
    void decodesHexcharsWithUpperCaseDigitsOnly(String xtext, String decoded) {
        assertEquals(decoded, Xtext.decode(xtext));
    }

    @Test
    void decodesHexcharsOfControlCharactersToThoseCharacters() {
        // the codec decodes what xtext can say; whether a decoded value is acceptable is the caller's to decide
        assertEquals("a\r\nb\0", Xtext.decode("a+0D+0Ab+00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+", "a+", "a+2", "+2b", "a+3d", "+2G", "+G2", "a=b", "=", "a b", " ", "\t", "\u007F", "\u00E9",
            "caf\u00E9", "+-1", "++2B"})
    void refusesWhatIsNotXtext(String s) {
        assertFalse(Xtext.isValid(s));
        assertNull(Xtext.decode(s));
    }

    @Test
    void acceptsTheEmptyString() {
        assertTrue(Xtext.isValid(""));
        assertEquals("", Xtext.decode(""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "QQ314159|QQ314159",
            "a+b=c|a+2Bb+3Dc",
            "George Jetson|George+20Jetson",
            "caf\u00E9|caf+C3+A9",
            "~!|~!"})
    void encodesPlusEqualsSpaceAndNonAsciiAsHexchars(String text, String xtext) {
        assertEquals(xtext, Xtext.encode(text));
    }

    @Test
    void encodesControlCharactersAsHexchars() {
        assertEquals("+00+09+0D+0A+7F", Xtext.encode("\0\t\r\n\u007F"));
    }

    @Test
    void decodesWhatItEncodedForEveryAsciiCharacter() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 128; c++) {
            all.append(c);
        }

        String encoded = Xtext.encode(all.toString());

        assertTrue(Xtext.isValid(encoded), encoded);
        assertTrue(encoded.chars().allMatch(c -> c >= 33 && c <= 126 && c != '='), encoded);
        assertEquals(all.toString(), Xtext.decode(encoded));
    }

    @Test
    void decodesWhatItEncodedForNonAsciiText() {
        String text = "caf\u00E9 \u7528\u6237";

        assertEquals(text, Xtext.decode(Xtext.encode(text)));
    }
}
