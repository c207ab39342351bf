package org.postilion.connector.imap.search;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a search needs to know about the session rather than about one message.
 *
 * @param maxSeq     the highest sequence number ({@code *} in a sequence set); 0 in an empty mailbox
 * @param maxUid     the highest UID in use ({@code *} in {@code UID} sets)
 * @param savedUids  the UIDs of the saved result for {@code $} (RFC 5182); empty when nothing was saved
 * @param recentUids the UIDs that are {@code \Recent} in this session (RECENT, NEW, OLD of RFC 3501); empty
 *                   when none is
 * @param zone       the zone in which the internal date's day is taken for BEFORE, ON and SINCE: the zone the
 *                   server renders INTERNALDATE in, so that a client sees the same day it searches for
 */
public record SearchContext(long maxSeq, long maxUid, long[] savedUids, long[] recentUids, ZoneId zone) {

    public SearchContext {
        Objects.requireNonNull(zone, "zone");
        savedUids = savedUids == null ? new long[0] : savedUids.clone();
        Arrays.sort(savedUids);
        recentUids = recentUids == null ? new long[0] : recentUids.clone();
        Arrays.sort(recentUids);
    }

    /** A context whose internal dates are taken in the JVM's default zone. */
    public SearchContext(long maxSeq, long maxUid, long[] savedUids, long[] recentUids) {
        this(maxSeq, maxUid, savedUids, recentUids, ZoneId.systemDefault());
    }

    /** Whether a UID is in the saved result. */
    public boolean isSaved(long uid) {
        return Arrays.binarySearch(savedUids, uid) >= 0;
    }

    @Override
    public long[] savedUids() {
        return savedUids.clone();
    }

    /** Whether a UID is {@code \Recent} in this session. */
    public boolean isRecent(long uid) {
        return Arrays.binarySearch(recentUids, uid) >= 0;
    }

    @Override
    public long[] recentUids() {
        return recentUids.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SearchContext c && c.maxSeq == maxSeq && c.maxUid == maxUid
                && Arrays.equals(c.savedUids, savedUids) && Arrays.equals(c.recentUids, recentUids) && c.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxSeq, maxUid, Arrays.hashCode(savedUids), Arrays.hashCode(recentUids), zone);
    }

    @Override
    public String toString() {
        return "SearchContext[maxSeq=" + maxSeq + ", maxUid=" + maxUid + ", saved=" + savedUids.length
                + ", recent=" + recentUids.length + ", zone=" + zone + "]";
    }
}
