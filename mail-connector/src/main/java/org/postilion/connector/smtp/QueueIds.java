package org.postilion.connector.smtp;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Queue identifiers, as Postfix's long queue ids: time first, so that they sort by arrival, then randomness,
 * so that they are unique across restarts and nodes without coordination. 13 characters of Crockford's
 * base 32 (no I, L, O or U): 40 bits of milliseconds since 2024 (enough for 34 years) and 25 random bits.
 */
public final class QueueIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final long EPOCH_MILLIS = 1_704_067_200_000L; // 2024-01-01T00:00:00Z

    private QueueIds() {
    }

    public static String next() {
        long time = (System.currentTimeMillis() - EPOCH_MILLIS) & ((1L << 40) - 1);
        long value = (time << 25) | ThreadLocalRandom.current().nextLong(1L << 25);
        char[] id = new char[13];
        for (int i = 12; i >= 0; i--) {
            id[i] = ALPHABET[(int) (value & 31)];
            value >>>= 5;
        }
        return new String(id);
    }
}
