package org.postilion.connector.imap;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packed per-session message table: UIDs across the whole 32-bit range, MODSEQs that outgrow an int. */
class MessageTableTest {

    @Test
    void findsUidsAcrossTheSignBoundaryOfTheBiasedEncoding() {
        MessageTable t = new MessageTable(0);
        long[] uids = {1, 2, 0x7FFF_FFFFL, 0x8000_0000L, 0x8000_0001L, 0xFFFF_FFFEL, 0xFFFF_FFFFL};
        for (long u : uids) {
            t.append(u, u, 0);
        }
        for (int i = 0; i < uids.length; i++) {
            assertEquals(uids[i], t.uid(i));
            assertEquals(i, t.indexOf(uids[i]));
        }
        assertEquals(0xFFFF_FFFFL, t.lastUid());
        assertEquals(-1, t.indexOf(0), "UID 0 sorts before everything");
        assertEquals(-3, t.indexOf(0x7FFF_FFFEL), "insertion point 2");
        assertEquals(-t.size() - 1, t.indexOf(0x1_0000_0000L), "beyond the largest UID");
        assertEquals(-1, t.indexOf(-5));
    }

    @Test
    void refusesUidsOutOfRangeOrOrder() {
        MessageTable t = new MessageTable(4);
        assertThrows(IllegalArgumentException.class, () -> t.append(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> t.append(0x1_0000_0000L, 1, 0));
        t.append(5, 1, 0);
        assertThrows(IllegalArgumentException.class, () -> t.append(5, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> t.append(4, 1, 0));
        assertEquals(1, t.size());
    }

    @Test
    void widensModseqsOnceOneExceedsAnIntKeepingEveryValue() {
        MessageTable t = new MessageTable(2);
        for (int i = 1; i <= 40; i++) { // grows past its capacity before and after widening
            t.append(i, i == 20 ? 5_000_000_000L : i * 1000L, i % 32);
        }
        for (int i = 0; i < 40; i++) {
            assertEquals(i == 19 ? 5_000_000_000L : (i + 1) * 1000L, t.modseq(i), "message " + i);
            assertEquals((i + 1) % 32, t.flags(i));
        }
        t.removeAt(0);
        assertEquals(5_000_000_000L, t.modseq(18));
        t.set(0, Long.MAX_VALUE, 31);
        assertEquals(Long.MAX_VALUE, t.modseq(0));
        assertEquals(31, t.flags(0));
    }

    @Test
    void removesClosingTheGap() {
        MessageTable t = new MessageTable(0);
        for (int i = 1; i <= 100; i++) {
            t.append(i * 2L, i, i % 32);
        }
        t.removeAt(0);
        t.removeAt(98);
        t.removeAt(50);
        assertEquals(97, t.size());
        assertEquals(4, t.uid(0));
        assertEquals(198, t.lastUid());
        for (int i = 1; i < t.size(); i++) {
            assertTrue(t.uid(i) > t.uid(i - 1));
            assertEquals(i, t.indexOf(t.uid(i)));
        }
        assertTrue(t.indexOf(104) < 0, "the removed UID is gone");
    }
}
