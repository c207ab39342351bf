package org.postilion.connector.imap.process;

import org.postilion.connector.imap.decode.SequenceSet;
import org.postilion.connector.spi.imap.UidSet;

/**
 * {@code * VANISHED (EARLIER) uids} (RFC 7162 section 3.2.7), as QRESYNC's SELECT (section 3.2.5.2) and
 * {@code UID FETCH ... (CHANGEDSINCE n VANISHED)} (section 3.2.6) send it: what the store says vanished, limited
 * to the UIDs the client named. Computed on ranges, since the store's answer may be a superset of millions of
 * UIDs after it pruned old tombstones; the response is then one range per gap between the messages that remain.
 */
final class VanishedEarlier {

    private VanishedEarlier() {
    }

    /**
     * The untagged response for the UIDs of {@code vanished} within {@code named} (all of them when null), or
     * null when there are none.
     *
     * @param star what {@code *} stands for in {@code named}
     */
    static String response(UidSet vanished, SequenceSet named, long star) {
        UidSet within = named == null ? vanished : vanished.intersect(uids(named, star));
        return within.isEmpty() ? null : "VANISHED (EARLIER) " + within;
    }

    /** A sequence set of UIDs as a {@link UidSet}, {@code *} resolved. */
    static UidSet uids(SequenceSet set, long star) {
        long[] pairs = new long[set.ranges().size() * 2];
        int i = 0;
        for (SequenceSet.Range r : set.ranges()) {
            pairs[i++] = r.low(star);
            pairs[i++] = r.high(star);
        }
        return UidSet.ofRanges(pairs);
    }
}
