package org.postilion.connector.imap.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequence set (RFC 9051 section 9, {@code sequence-set}): {@code 1:4,7,10:*}, or {@code $} for the saved
 * search result (RFC 5182). Numbers are message sequence numbers or UIDs; the command says which. {@code *}
 * stands for the largest number in use, known only when the set is applied, so ranges keep it symbolic.
 *
 * <p>LIMITS: numbers are {@code nz-number}s (1 to 4294967295); at most {@value #MAX_RANGES} ranges, which
 * bounds a command line's work however long it is.
 */
public final class SequenceSet {

    /** {@code *}. */
    public static final long STAR = -1;
    public static final long MAX_NUMBER = 4294967295L;
    public static final int MAX_RANGES = 100_000;

    /** A range as sent; either end may be {@link #STAR}, and {@code from} may be greater than {@code to}. */
    public record Range(long from, long to) {
        /** The range's lowest and highest numbers when {@code *} is {@code star}. */
        public long low(long star) {
            return Math.min(resolve(from, star), resolve(to, star));
        }

        public long high(long star) {
            return Math.max(resolve(from, star), resolve(to, star));
        }
    }

    private static final SequenceSet SAVED = new SequenceSet(List.of(), true);

    private final List<Range> ranges;
    private final boolean saved;

    private SequenceSet(List<Range> ranges, boolean saved) {
        this.ranges = ranges;
        this.saved = saved;
    }

    /**
     * Parses a sequence set.
     *
     * @throws IllegalArgumentException with a message fit for a {@code BAD} response when it is malformed
     */
    public static SequenceSet parse(String text) {
        if (text.equals("$")) {
            return SAVED;
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty sequence set");
        }
        List<Range> ranges = new ArrayList<>();
        int i = 0;
        while (true) {
            if (ranges.size() == MAX_RANGES) {
                throw new IllegalArgumentException("sequence set has too many ranges");
            }
            int comma = text.indexOf(',', i);
            String item = comma < 0 ? text.substring(i) : text.substring(i, comma);
            int colon = item.indexOf(':');
            if (colon < 0) {
                long n = number(item);
                ranges.add(new Range(n, n));
            } else {
                ranges.add(new Range(number(item.substring(0, colon)), number(item.substring(colon + 1))));
            }
            if (comma < 0) {
                return new SequenceSet(List.copyOf(ranges), false);
            }
            i = comma + 1;
        }
    }

    private static long number(String s) {
        if (s.equals("*")) {
            return STAR;
        }
        if (s.isEmpty() || s.length() > 10 || s.charAt(0) == '0') {
            throw new IllegalArgumentException("invalid number in sequence set: \"" + s + "\"");
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("invalid number in sequence set: \"" + s + "\"");
            }
            n = n * 10 + (c - '0');
        }
        if (n > MAX_NUMBER) {
            throw new IllegalArgumentException("number in sequence set out of range: " + s);
        }
        return n;
    }

    private static long resolve(long n, long star) {
        return n == STAR ? star : n;
    }

    /** A set of exactly these numbers, ascending (for results: COPYUID, APPENDUID, SEARCH SAVE). */
    public static SequenceSet of(long... numbers) {
        List<Range> ranges = new ArrayList<>();
        for (int i = 0; i < numbers.length; ) {
            int j = i;
            while (j + 1 < numbers.length && numbers[j + 1] == numbers[j] + 1) {
                j++;
            }
            ranges.add(new Range(numbers[i], numbers[j]));
            i = j + 1;
        }
        return new SequenceSet(List.copyOf(ranges), false);
    }

    /** Whether this is {@code $}, the saved search result, which the session substitutes. */
    public boolean isSaved() {
        return saved;
    }

    public List<Range> ranges() {
        return ranges;
    }

    /** Whether {@code n} is in the set when {@code *} is {@code star} (the largest number in use). */
    public boolean contains(long n, long star) {
        for (Range r : ranges) {
            if (n >= r.low(star) && n <= r.high(star)) {
                return true;
            }
        }
        return false;
    }

    /** The compact wire form, such as {@code 1:3,7}. */
    @Override
    public String toString() {
        if (saved) {
            return "$";
        }
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(r.from() == STAR ? "*" : Long.toString(r.from()));
            if (r.from() != r.to()) {
                sb.append(':').append(r.to() == STAR ? "*" : Long.toString(r.to()));
            }
        }
        return sb.toString();
    }
}
