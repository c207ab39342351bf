package org.postilion.connector.imap.search;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The case-insensitive comparison of search strings. */
class FoldTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "äpfel|ÄPFEL|true",
            "ÄPFEL|äpfel|true",
            "Straße|STRASSE|true",
            "STRASSE|straße|true",
            // decomposed a + combining diaeresis finds the composed ä, and the reverse
            "a\u0308pfel|äpfel|true",
            "äpfel|A\u0308PFEL|true",
            "ΣΊΣΥΦΟΣ|σίσυφος|true",
            "ﬁle|FILE|true",
            "apfel|äpfel|false",
            "hello  world|hello world|false",
            "anything||true"})
    void comparesCaseInsensitively(String text, String needle, boolean expected) {
        assertEquals(expected, Fold.contains(text, Fold.fold(needle == null ? "" : needle)));
    }
}
