package org.postilion.connector.smtp;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Queue identifiers, in the spirit of Postfix's long queue ids: time first, so that they sort by arrival, and
 * unique across restarts and nodes without coordination. The queue id is also the key that makes delivery
 * idempotent, so two messages must never share one.
 *
 * <p>16 characters of Crockford's base 32 (no I, L, O or U) encoding 80 bits:
 * <ul>
 *   <li>52 bits of ticks: milliseconds since 2024 (40 bits, 34 years) times 4096, taken from a counter that
 *       never repeats or goes back within this JVM (more than 4096 ids in a millisecond borrow from the next
 *       one, and a clock set back does not reuse old ticks);</li>
 *   <li>28 bits chosen at random when the class loads, different for each JVM (node or restart).</li>
 * </ul>
 * Two ids of one JVM always differ in their ticks; ids of two JVMs collide only if both the tick and the 28
 * random bits match.
 */
public final class QueueIds {

    public static final int LENGTH = 16;

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final long EPOCH_MILLIS = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    private static final int TICKS_PER_MILLI_BITS = 12;
    private static final long NODE = new SecureRandom().nextInt(1 << 28);
    private static final AtomicLong LAST_TICK = new AtomicLong();

    private QueueIds() {
    }

    public static String next() {
        long now = (System.currentTimeMillis() - EPOCH_MILLIS) << TICKS_PER_MILLI_BITS;
        long tick = LAST_TICK.updateAndGet(last -> Math.max(now, last + 1));
        return encode(tick & ((1L << 52) - 1), NODE);
    }

    /** Encodes 52 bits of ticks and 28 bits of node as 16 base-32 characters. */
    static String encode(long ticks, long node) {
        char[] id = new char[LENGTH];
        // the low 28 bits of node and the low 12 bits of ticks fill the last 8 characters (40 bits)
        long low = ((ticks & 0xFFF) << 28) | node;
        long high = ticks >>> 12;
        for (int i = LENGTH - 1; i >= 8; i--) {
            id[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        for (int i = 7; i >= 0; i--) {
            id[i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        return new String(id);
    }
}
