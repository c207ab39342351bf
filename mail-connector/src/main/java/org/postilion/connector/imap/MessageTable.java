package org.postilion.connector.imap;

import java.util.Arrays;

/**
 * A selected mailbox's messages as a session holds them: UID, MODSEQ and system flags by ascending UID, in
 * parallel primitive arrays, at 9 octets a message. Every session keeps one for as long as it has a mailbox
 * selected, and ten thousand idling sessions on INBOXes of a few thousand messages are the common case, so the
 * encoding is tight:
 * <ul>
 *   <li>a UID (RFC 9051: 1 to 2<sup>32</sup>-1) as an {@code int} biased by 2<sup>31</sup>, which keeps the
 *       order of signed comparison, so that binary search works on the raw array;</li>
 *   <li>a MODSEQ as an {@code int} while every MODSEQ of the table fits (a mailbox rarely sees two billion
 *       changes), widened once to {@code long}s for good when one does not;</li>
 *   <li>the five system flags in a {@code byte}.</li>
 * </ul>
 * Not thread-safe: a session's table is used on its event loop only.
 */
final class MessageTable {

    private static final long BIAS = 1L << 31;
    private static final long MAX_UID = 0xFFFF_FFFFL;

    private int[] uids;
    private int[] modseqs; // null once widened
    private long[] wideModseqs; // non-null once a MODSEQ above Integer.MAX_VALUE was stored
    private byte[] flags;
    private int size;

    MessageTable(int capacity) {
        int c = Math.max(16, capacity);
        uids = new int[c];
        modseqs = new int[c];
        flags = new byte[c];
    }

    int size() {
        return size;
    }

    long uid(int index) {
        return uids[index] + BIAS;
    }

    long modseq(int index) {
        return wideModseqs != null ? wideModseqs[index] : modseqs[index];
    }

    int flags(int index) {
        return flags[index];
    }

    /** The largest UID, 0 when empty. */
    long lastUid() {
        return size == 0 ? 0 : uid(size - 1);
    }

    /** The index of a UID, or -(insertion point) - 1 as {@link Arrays#binarySearch(int[], int)}. */
    int indexOf(long uid) {
        if (uid < 1) {
            return -1;
        }
        if (uid > MAX_UID) {
            return -size - 1;
        }
        return Arrays.binarySearch(uids, 0, size, (int) (uid - BIAS));
    }

    /** Replaces the state of the message at an index (its UID stays). */
    void set(int index, long modseq, int systemFlags) {
        storeModseq(index, modseq);
        flags[index] = (byte) systemFlags;
    }

    /** Adds a message after the last one; its UID must be larger. */
    void append(long uid, long modseq, int systemFlags) {
        if (uid < 1 || uid > MAX_UID) {
            throw new IllegalArgumentException("UID out of range: " + uid);
        }
        if (uid <= lastUid()) {
            throw new IllegalArgumentException("messages not by ascending UID");
        }
        if (size == uids.length) {
            int c = size * 2;
            uids = Arrays.copyOf(uids, c);
            flags = Arrays.copyOf(flags, c);
            if (wideModseqs != null) {
                wideModseqs = Arrays.copyOf(wideModseqs, c);
            } else {
                modseqs = Arrays.copyOf(modseqs, c);
            }
        }
        uids[size] = (int) (uid - BIAS);
        set(size, modseq, systemFlags);
        size++;
    }

    /** Removes the message at an index, closing the gap. */
    void removeAt(int index) {
        int tail = size - index - 1;
        System.arraycopy(uids, index + 1, uids, index, tail);
        System.arraycopy(flags, index + 1, flags, index, tail);
        if (wideModseqs != null) {
            System.arraycopy(wideModseqs, index + 1, wideModseqs, index, tail);
        } else {
            System.arraycopy(modseqs, index + 1, modseqs, index, tail);
        }
        size--;
    }

    private void storeModseq(int index, long modseq) {
        if (wideModseqs == null && (modseq < 0 || modseq > Integer.MAX_VALUE)) {
            wideModseqs = new long[uids.length];
            for (int i = 0; i < size; i++) {
                wideModseqs[i] = modseqs[i];
            }
            modseqs = null;
        }
        if (wideModseqs != null) {
            wideModseqs[index] = modseq;
        } else {
            modseqs[index] = (int) modseq;
        }
    }
}
