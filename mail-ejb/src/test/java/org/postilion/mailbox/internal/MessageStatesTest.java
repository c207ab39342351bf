package org.postilion.mailbox.internal;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postilion.connector.spi.imap.MessageState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SELECT query of {@link MessageStates} on the product's schema (its Flyway migrations), on H2 (in memory)
 * and on PostgreSQL (the local server at 127.0.0.1:5432/test, in a throwaway schema; skipped when none answers).
 */
class MessageStatesTest {


    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void readsEveryMessageInUidOrderAcrossBuckets(String db) throws SQLException {
        try (SchemaDatabase d = SchemaDatabase.open(db)) {
            Connection c = d.connection;
            long mailbox = mailbox(d, 1);
            long other = mailbox(d, 2);
            int n = 70_000; // beyond two buckets, and beyond H2's 65 536 elements in an array
            insert(c, mailbox, n, 7);
            insert(c, other, 10, 0);

            Set<String> keywords = new Keywords.KeywordSet();
            List<MessageState> states = MessageStates.read(c, mailbox, keywords);

            assertEquals(n, states.size());
            for (int i = 0; i < n; i++) {
                MessageState s = states.get(i);
                long uid = 3L * i + 1; // gaps, as after expunges
                assertEquals(uid, s.uid(), "message " + i);
                assertEquals(uid * 2, s.modseq());
                assertEquals((int) (uid % 32), s.systemFlags());
                assertEquals(uid % 7 == 0 ? List.of("$Forwarded", "Work") : List.of(), s.keywords());
            }
            assertEquals(Set.of("$Forwarded", "Work"), Set.copyOf(keywords));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anEmptyMailboxHasNoMessages(String db) throws SQLException {
        try (SchemaDatabase d = SchemaDatabase.open(db)) {
            long mailbox = mailbox(d, 1);
            Set<String> keywords = new Keywords.KeywordSet();
            assertTrue(MessageStates.read(d.connection, mailbox, keywords).isEmpty());
            assertTrue(keywords.isEmpty());
            assertTrue(MessageStates.read(d.connection, 999_999, keywords).isEmpty(), "no such mailbox");
        }
    }

    private static long mailbox(SchemaDatabase d, long id) throws SQLException {
        d.mailbox(id, 1, 1);
        d.blob(id);
        return id;
    }

    /** n messages with UIDs 1, 4, 7, ...; every seventh UID with keywords when keywordEvery is 7. */
    private static void insert(Connection c, long mailbox, int n, int keywordEvery) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("insert into mailbox_message (id, mailbox_id, uid, modseq,"
                + " blob_id, internal_date, size, flags, keywords) values (?, ?, ?, ?, ?, current_timestamp, 1, ?, ?)")) {
            for (int i = 0; i < n; i++) {
                long uid = 3L * i + 1;
                ps.setLong(1, mailbox * 1_000_000 + i);
                ps.setLong(2, mailbox);
                ps.setLong(3, uid);
                ps.setLong(4, uid * 2);
                ps.setLong(5, mailbox);
                ps.setInt(6, (int) (uid % 32));
                ps.setString(7, keywordEvery > 0 && uid % keywordEvery == 0 ? "$Forwarded Work" : null);
                ps.addBatch();
                if (i % 5000 == 4999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }
}
