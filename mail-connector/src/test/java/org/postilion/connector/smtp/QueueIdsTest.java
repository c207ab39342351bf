package org.postilion.connector.smtp;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Queue ids: Crockford's base 32 of a fixed width (so that text order is time order), never repeated. The id
 * is the key that makes delivery idempotent in mail-ejb: two messages with one id would lose the second.
 */
class QueueIdsTest {

    @Test
    void makesIdsOfOneWidthInCrockfordBase32() {
        int width = QueueIds.next().length();
        for (int i = 0; i < 1000; i++) {
            String id = QueueIds.next();
            assertTrue(id.matches("[0-9A-HJKMNP-TV-Z]+"), id);
            assertEquals(width, id.length(), id);
        }
    }

    @Test
    void makesNoDuplicatesAmongManyIdsMadeInABurst() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(QueueIds.next());
        }

        assertEquals(100_000, ids.size());
    }

    @Test
    void makesNoDuplicatesAcrossThreads() throws Exception {
        Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    ids.add(QueueIds.next());
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertEquals(8 * 20_000, ids.size());
    }

    @Test
    void encodesTicksBeforeTheNodeSoThatTextOrderIsTickOrder() {
        assertEquals("0000000000000000", QueueIds.encode(0, 0));
        assertEquals("0000000000000001", QueueIds.encode(0, 1));
        assertEquals("0000000000800000", QueueIds.encode(1, 0), "the lowest tick bit sits above the 28 node bits");
        assertEquals("0000000100000000", QueueIds.encode(1 << 12, 0), "a millisecond is the 8th character");
        assertTrue(QueueIds.encode(2, 0).compareTo(QueueIds.encode(1, (1 << 28) - 1)) > 0);
    }

    @Test
    void sortsAnIdMadeLaterAfterOneMadeEarlier() {
        String earlier = QueueIds.next();
        long start = System.currentTimeMillis();
        while (System.currentTimeMillis() <= start) {
            Thread.onSpinWait();
        }

        String later = QueueIds.next();

        assertTrue(earlier.compareTo(later) < 0, earlier + " should sort before " + later);
    }

    @Test
    void sortsIdsMadeInABurstInTheOrderTheyWereMade() {
        String previous = QueueIds.next();
        for (int i = 0; i < 10_000; i++) {
            String id = QueueIds.next();
            assertTrue(previous.compareTo(id) <= 0, previous + " then " + id);
            previous = id;
        }
    }
}
