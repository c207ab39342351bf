package org.postilion.mailbox.internal;

import org.postilion.connector.spi.imap.UidSet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Expunge tombstones ({@code mailbox_expunged}) in SQL: what vanished since a MODSEQ, and their pruning. Plain
 * JDBC on H2 2.x and PostgreSQL, so that {@code TombstonesTest} runs the very statements on both.
 *
 * <p>The invariant: every expunge with a MODSEQ above the mailbox's {@code vanished_floor_modseq} still has its
 * tombstone. A prune raises the floor first, then deletes tombstones at or below it, under the mailbox row's lock
 * (the lock every write of the store takes), in batches: a batch that fails leaves only redundant tombstones.
 * Below the floor the exact answer is gone; the answer is then every UID below UIDNEXT that no longer exists,
 * a superset that RFC 7162 sections 3.2.5.2 and 3.2.7 allow for {@code VANISHED (EARLIER)}, computed in the
 * database as the gaps between the remaining UIDs: one row per gap, however many UIDs the gaps hold.
 */
final class Tombstones {

    /** The floor and the tombstones above the MODSEQ in one statement: one snapshot, so a prune committing
     *  between two reads cannot hide tombstones behind an old floor. One row with a null UID when none. */
    static final String ABOVE = "select m.vanished_floor_modseq, e.uid from mailbox m"
            + " left join mailbox_expunged e on e.mailbox_id = m.id and e.modseq > ?"
            + " where m.id = ? order by e.uid";

    /** The gaps between the UIDs below UIDNEXT, with 0 and UIDNEXT as sentinels: [uid + 1, next - 1]. */
    static final String GAPS = "select uid + 1, next_uid - 1 from ("
            + " select uid, lead(uid) over (order by uid) as next_uid from ("
            + " select uid from mailbox_message where mailbox_id = ? and uid < ?"
            + " union all select cast(0 as bigint)"
            + " union all select cast(? as bigint)) u) g"
            + " where next_uid > uid + 1 order by uid";

    private Tombstones() {
    }

    /**
     * The UIDs expunged above {@code sinceModseq}: exact from the tombstones when the floor allows, else the
     * superset of every UID below {@code uidNext} that no longer exists. {@code uidNext} must have been read
     * before this call (a message appended since then is above it, never taken for vanished).
     */
    static UidSet vanished(Connection c, long mailboxId, long sinceModseq, long uidNext) throws SQLException {
        long floor = 0;
        UidSet.Builder exact = new UidSet.Builder();
        try (PreparedStatement ps = c.prepareStatement(ABOVE)) {
            ps.setLong(1, sinceModseq);
            ps.setLong(2, mailboxId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    floor = rs.getLong(1);
                    long uid = rs.getLong(2);
                    if (!rs.wasNull()) {
                        exact.add(uid, uid);
                    }
                }
            }
        }
        return sinceModseq < floor ? missing(c, mailboxId, uidNext) : exact.build();
    }

    /** Every UID below {@code uidNext} that no message of the mailbox has. */
    static UidSet missing(Connection c, long mailboxId, long uidNext) throws SQLException {
        UidSet.Builder gaps = new UidSet.Builder();
        try (PreparedStatement ps = c.prepareStatement(GAPS)) {
            ps.setLong(1, mailboxId);
            ps.setLong(2, uidNext);
            ps.setLong(3, uidNext);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    gaps.add(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return gaps.build();
    }

    /** The mailboxes that have tombstones written before {@code cutoff}, at most {@code max} of them. */
    static List<Long> mailboxesExpungedBefore(Connection c, Instant cutoff, int max) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select distinct mailbox_id from mailbox_expunged"
                + " where expunged_at < ? order by mailbox_id fetch first " + max + " rows only")) {
            ps.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    /**
     * One transaction's share of a mailbox's prune: under the mailbox row's lock, raises the floor to the highest
     * MODSEQ of the tombstones written before {@code cutoff}, then deletes at most {@code batch} tombstones at or
     * below the floor (lowest UIDs first).
     *
     * @return the tombstones deleted; {@code batch} means there may be more
     */
    static int prune(Connection c, long mailboxId, Instant cutoff, int batch) throws SQLException {
        long floor;
        try (PreparedStatement ps = c.prepareStatement(
                "select vanished_floor_modseq from mailbox where id = ? for update")) {
            ps.setLong(1, mailboxId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return 0; // deleted meanwhile, with its tombstones
                }
                floor = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "select max(modseq) from mailbox_expunged where mailbox_id = ? and expunged_at < ?")) {
            ps.setLong(1, mailboxId);
            ps.setObject(2, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long oldest = rs.getLong(1);
                if (!rs.wasNull() && oldest > floor) {
                    floor = oldest;
                    try (PreparedStatement up = c.prepareStatement(
                            "update mailbox set vanished_floor_modseq = ? where id = ?")) {
                        up.setLong(1, floor);
                        up.setLong(2, mailboxId);
                        up.executeUpdate();
                    }
                }
            }
        }
        if (floor == 0) {
            return 0;
        }
        // the batch's last UID, when there are at least batch tombstones to delete
        Long last = null;
        try (PreparedStatement ps = c.prepareStatement("select uid from mailbox_expunged where mailbox_id = ?"
                + " and modseq <= ? order by uid offset " + (batch - 1) + " rows fetch next 1 rows only")) {
            ps.setLong(1, mailboxId);
            ps.setLong(2, floor);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    last = rs.getLong(1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("delete from mailbox_expunged where mailbox_id = ?"
                + " and modseq <= ? and uid <= ?")) {
            ps.setLong(1, mailboxId);
            ps.setLong(2, floor);
            ps.setLong(3, last == null ? Long.MAX_VALUE : last);
            return ps.executeUpdate();
        }
    }
}
