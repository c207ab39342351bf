package org.postilion.mailbox.internal;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postilion.connector.spi.imap.UidSet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tombstone statements of {@link Tombstones} on the product's schema (its Flyway migrations), on H2 (in
 * memory) and on PostgreSQL (the local server at 127.0.0.1:5432/test, in a throwaway schema; skipped when none
 * answers): the prune keeps recent tombstones and raises the floor, and below the floor the answer is the superset.
 */
class TombstonesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant OLD = NOW.minus(Duration.ofDays(40));
    private static final Instant CUTOFF = NOW.minus(Duration.ofDays(30));

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void pruneDeletesOldTombstonesKeepsRecentOnesAndRaisesTheFloor(String db) throws SQLException {
        try (SchemaDatabase d = SchemaDatabase.open(db)) {
            Connection c = d.connection;
            long box = mailbox(d, 1, 20);
            long other = mailbox(d, 2, 20);
            tombstone(c, box, 3, 5, OLD);
            tombstone(c, box, 4, 5, OLD);
            tombstone(c, box, 7, 8, OLD);
            tombstone(c, box, 9, 12, NOW.minus(Duration.ofDays(2)));
            tombstone(c, other, 1, 4, NOW);

            assertEquals(List.of(box), Tombstones.mailboxesExpungedBefore(c, CUTOFF, 100));
            assertEquals(3, Tombstones.prune(c, box, CUTOFF, 1000));

            assertEquals(8, floor(c, box));
            assertEquals(List.of(9L), uids(c, box), "the recent tombstone stays");
            assertEquals(List.of(1L), uids(c, other), "other mailboxes are untouched");
            assertEquals(0, floor(c, other));
            assertEquals(List.of(), Tombstones.mailboxesExpungedBefore(c, CUTOFF, 100));
            assertEquals(0, Tombstones.prune(c, box, CUTOFF, 1000), "nothing left to prune");
            assertEquals(8, floor(c, box), "the floor never goes down");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void pruneGoesInBoundedBatchesWithTheFloorRaisedByTheFirst(String db) throws SQLException {
        try (SchemaDatabase d = SchemaDatabase.open(db)) {
            Connection c = d.connection;
            long box = mailbox(d, 1, 30);
            for (long uid = 1; uid <= 25; uid++) {
                tombstone(c, box, uid, 7, OLD); // one EXPUNGE: one MODSEQ for all
            }
            assertEquals(10, Tombstones.prune(c, box, CUTOFF, 10));
            assertEquals(7, floor(c, box), "raised before the first batch: what is left is redundant");
            assertEquals(10, Tombstones.prune(c, box, CUTOFF, 10));
            assertEquals(5, Tombstones.prune(c, box, CUTOFF, 10));
            assertEquals(List.of(), uids(c, box));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void belowTheFloorEveryMissingUidBelowUidNextVanishesAboveItTheTombstonesAreExact(String db)
            throws SQLException {
        try (SchemaDatabase d = SchemaDatabase.open(db)) {
            Connection c = d.connection;
            long box = mailbox(d, 1, 100_001);
            // UIDs 1..100000 were given; these remain: 5, 6, 10, and 50000..99999 (a large mailbox)
            messages(c, box, 5, 6);
            messages(c, box, 10, 10);
            messages(c, box, 50_000, 99_999);
            tombstone(c, box, 100_000, 30, NOW);
            tombstone(c, box, 7, 20, NOW);
            setFloor(c, box, 15);

            assertEquals(UidSet.ofRanges(1, 4, 7, 9, 11, 49_999, 100_000, 100_000),
                    Tombstones.vanished(c, box, 14, 100_001), "below the floor: the superset, as 4 ranges");
            assertEquals(UidSet.of(7, 100_000), Tombstones.vanished(c, box, 15, 100_001), "at the floor: exact");
            assertEquals(UidSet.of(100_000), Tombstones.vanished(c, box, 20, 100_001));
            assertEquals(UidSet.EMPTY, Tombstones.vanished(c, box, 30, 100_001));
            assertEquals(UidSet.ofRanges(1, 4, 7, 9, 11, 49_999), Tombstones.vanished(c, box, 0, 100_000),
                    "nothing at or above the UIDNEXT read before: a message appended meanwhile is not vanished");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theSupersetOfAMailboxWithoutMessagesIsEveryUidGivenAndOfAnUnusedOneNothing(String db)
            throws SQLException {
        try (SchemaDatabase d = SchemaDatabase.open(db)) {
            Connection c = d.connection;
            long box = mailbox(d, 1, 8);
            setFloor(c, box, 3);
            assertEquals(UidSet.ofRanges(1, 7), Tombstones.vanished(c, box, 1, 8));
            assertEquals(UidSet.EMPTY, Tombstones.missing(c, box, 1));
        }
    }

    private static long mailbox(SchemaDatabase d, long id, long uidNext) throws SQLException {
        d.mailbox(id, uidNext, 100);
        d.blob(id);
        return id;
    }

    private static void messages(Connection c, long mailbox, long fromUid, long toUid) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("insert into mailbox_message (id, mailbox_id, uid, modseq,"
                + " blob_id, internal_date, size, flags) values (?, ?, ?, 1, ?, current_timestamp, 1, 0)")) {
            for (long uid = fromUid; uid <= toUid; uid++) {
                ps.setLong(1, mailbox * 1_000_000 + uid);
                ps.setLong(2, mailbox);
                ps.setLong(3, uid);
                ps.setLong(4, mailbox);
                ps.addBatch();
                if (uid % 5000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    private static void tombstone(Connection c, long mailbox, long uid, long modseq, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into mailbox_expunged (mailbox_id, uid, modseq, expunged_at) values (?, ?, ?, ?)")) {
            ps.setLong(1, mailbox);
            ps.setLong(2, uid);
            ps.setLong(3, modseq);
            ps.setObject(4, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    private static void setFloor(Connection c, long mailbox, long floor) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("update mailbox set vanished_floor_modseq = " + floor + " where id = " + mailbox);
        }
    }

    private static long floor(Connection c, long mailbox) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select vanished_floor_modseq from mailbox where id = " + mailbox)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Long> uids(Connection c, long mailbox) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select uid from mailbox_expunged where mailbox_id = " + mailbox + " order by uid")) {
            List<Long> uids = new java.util.ArrayList<>();
            while (rs.next()) {
                uids.add(rs.getLong(1));
            }
            return uids;
        }
    }
}
