package org.postilion.connector.spi.imap;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UidSetTest {

    @Test
    void mergesUidsInAnyOrderIntoRangesAndPrintsThemAsASequenceSet() {
        UidSet s = UidSet.of(7, 2, 3, 3, 1, 9, 8);
        assertEquals("1:3,7:9", s.toString());
        assertEquals(2, s.rangeCount());
        assertEquals(6, s.size());
        assertArrayEquals(new long[] {1, 2, 3, 7, 8, 9}, s.toArray());
        assertEquals("", UidSet.of().toString());
        assertTrue(UidSet.of().isEmpty());
    }

    @Test
    void mergesOverlappingAndAdjacentRangesGivenInAnyOrder() {
        assertEquals("1:10,20", UidSet.ofRanges(5, 10, 20, 20, 1, 4, 3, 6).toString());
        assertEquals(UidSet.ofRanges(1, 3), UidSet.of(1, 2, 3));
        assertEquals(UidSet.EMPTY, UidSet.ofRanges(5, 4), "an empty range adds nothing");
    }

    @Test
    void findsAUidByBinarySearchInHugeRanges() {
        UidSet s = UidSet.ofRanges(1, 999_999, 1_000_001, 4_000_000_000L);
        assertTrue(s.contains(1));
        assertFalse(s.contains(1_000_000));
        assertTrue(s.contains(3_999_999_999L));
        assertFalse(s.contains(0));
        assertFalse(s.contains(4_000_000_001L));
        assertEquals(3_999_999_999L, s.size());
    }

    @Test
    void intersectsRangeByRange() {
        UidSet vanished = UidSet.ofRanges(1, 4, 6, 6, 9, 1_000_000);
        UidSet known = UidSet.ofRanges(3, 7, 10, 12, 999_999, 2_000_000);
        assertEquals("3:4,6,10:12,999999:1000000", vanished.intersect(known).toString());
        assertEquals(UidSet.EMPTY, vanished.intersect(UidSet.of(5, 7, 8)));
    }

    @Test
    void refusesRangesOutOfOrderInTheBuilder() {
        UidSet.Builder b = new UidSet.Builder().add(5, 6);
        assertThrows(IllegalArgumentException.class, () -> b.add(4, 4));
    }
}
