package org.postilion.connector.spi.imap;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A set of UIDs as ascending, disjoint, non-adjacent ranges: what the store answers for the UIDs that vanished.
 * Ranges, not UIDs, because an answer may be a superset (RFC 7162 section 3.2.7, after the store pruned old
 * tombstones): "every UID below UIDNEXT that no longer exists" in a mailbox whose UIDs reached millions is then a
 * few ranges, never millions of numbers. Its size is bounded by the messages that exist, plus one.
 *
 * <p>Immutable. {@link #toString()} is the IMAP {@code sequence-set} form ({@code 2:3,7}), as VANISHED sends it.
 */
public final class UidSet implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final UidSet EMPTY = new UidSet(new long[0]);

    /** from0, to0, from1, to1, ...: inclusive, ascending, disjoint and never adjacent. */
    private final long[] ranges;

    private UidSet(long[] ranges) {
        this.ranges = ranges;
    }

    /** The set of these UIDs, in any order, duplicates allowed. */
    public static UidSet of(long... uids) {
        long[] sorted = uids.clone();
        Arrays.sort(sorted);
        Builder b = new Builder();
        for (long uid : sorted) {
            b.add(uid, uid);
        }
        return b.build();
    }

    /** The union of ranges given as (from, to) pairs, inclusive, in any order; overlaps allowed. */
    public static UidSet ofRanges(long... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("ranges come in pairs");
        }
        Integer[] order = new Integer[pairs.length / 2];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(pairs[2 * a], pairs[2 * b]));
        Builder b = new Builder();
        for (int i : order) {
            b.add(pairs[2 * i], pairs[2 * i + 1]);
        }
        return b.build();
    }

    /** Builds a set from ranges added by ascending start (overlapping and adjacent ones are merged). */
    public static final class Builder {
        private long[] ranges = new long[16];
        private int length;

        /**
         * Adds [from, to]; {@code from} must not be below the previous range's start. An empty range
         * ({@code from > to}) is ignored.
         */
        public Builder add(long from, long to) {
            if (from > to) {
                return this;
            }
            if (length > 0) {
                if (from < ranges[length - 2]) {
                    throw new IllegalArgumentException("ranges must be added by ascending start");
                }
                if (from <= ranges[length - 1] + 1) {
                    ranges[length - 1] = Math.max(ranges[length - 1], to);
                    return this;
                }
            }
            if (length == ranges.length) {
                ranges = Arrays.copyOf(ranges, length * 2);
            }
            ranges[length++] = from;
            ranges[length++] = to;
            return this;
        }

        public UidSet build() {
            return length == 0 ? EMPTY : new UidSet(Arrays.copyOf(ranges, length));
        }
    }

    public boolean isEmpty() {
        return ranges.length == 0;
    }

    public int rangeCount() {
        return ranges.length / 2;
    }

    /** The first UID of range {@code i}. */
    public long from(int i) {
        return ranges[2 * i];
    }

    /** The last UID of range {@code i} (inclusive). */
    public long to(int i) {
        return ranges[2 * i + 1];
    }

    /** How many UIDs the set holds. */
    public long size() {
        long n = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            n += ranges[i + 1] - ranges[i] + 1;
        }
        return n;
    }

    public boolean contains(long uid) {
        int lo = 0;
        int hi = rangeCount() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (uid < from(mid)) {
                hi = mid - 1;
            } else if (uid > to(mid)) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The UIDs in both sets. */
    public UidSet intersect(UidSet other) {
        Builder b = new Builder();
        int i = 0;
        int j = 0;
        while (i < rangeCount() && j < other.rangeCount()) {
            b.add(Math.max(from(i), other.from(j)), Math.min(to(i), other.to(j)));
            if (to(i) < other.to(j)) {
                i++;
            } else {
                j++;
            }
        }
        return b.build();
    }

    /** Every UID, ascending: as many numbers as {@link #size()}, so only for sets known to be small. */
    public long[] toArray() {
        long[] uids = new long[Math.toIntExact(size())];
        int k = 0;
        for (int i = 0; i < rangeCount(); i++) {
            for (long uid = from(i); uid <= to(i); uid++) {
                uids[k++] = uid;
            }
        }
        return uids;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UidSet s && Arrays.equals(ranges, s.ranges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ranges);
    }

    /** The IMAP {@code sequence-set} form, such as {@code 1:3,7}; empty for the empty set. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rangeCount(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(from(i));
            if (to(i) != from(i)) {
                sb.append(':').append(to(i));
            }
        }
        return sb.toString();
    }
}
