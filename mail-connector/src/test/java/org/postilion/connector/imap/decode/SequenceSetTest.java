package org.postilion.connector.imap.decode;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceSetTest {

    @Test
    void rangesListsAndStar() {
        SequenceSet set = SequenceSet.parse("2,4:7,9,12:*");
        assertTrue(set.contains(2, 15));
        assertFalse(set.contains(3, 15));
        assertTrue(set.contains(5, 15));
        assertTrue(set.contains(15, 15));
        assertFalse(set.contains(16, 15));
        assertEquals("2,4:7,9,12:*", set.toString());
    }

    @Test
    void reversedRangeAndStarBelowItsPartner() {
        // RFC 9051: "*:4" and "4:*" are the same; a range may be given high to low
        assertTrue(SequenceSet.parse("7:3").contains(5, 10));
        assertTrue(SequenceSet.parse("*:4").contains(4, 2));
        assertTrue(SequenceSet.parse("*:4").contains(3, 2));
        assertFalse(SequenceSet.parse("*:4").contains(5, 2));
    }

    @Test
    void savedResult() {
        assertTrue(SequenceSet.parse("$").isSaved());
    }

    @Test
    void ofCompactsConsecutiveNumbers() {
        assertEquals("1:3,7,9:10", SequenceSet.of(1, 2, 3, 7, 9, 10).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",", "1,", ",1", "0", "01", "1:", ":1", "1::2", "a", "-1", "4294967296",
            "99999999999999999999", "1 2", "$,1", "**", "1:*:2"})
    void malformedSetsAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> SequenceSet.parse(text));
    }

    @Test
    void tooManyRangesAreRefused() {
        String many = "1,".repeat(SequenceSet.MAX_RANGES) + "1";
        assertThrows(IllegalArgumentException.class, () -> SequenceSet.parse(many));
    }
}
