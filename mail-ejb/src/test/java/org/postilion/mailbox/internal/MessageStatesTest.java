package org.postilion.mailbox.internal;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postilion.connector.spi.imap.MessageState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
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
            long mailbox = mailbox(c, 1);
            long other = mailbox(c, 2);
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
            long mailbox = mailbox(d.connection, 1);
            Set<String> keywords = new Keywords.KeywordSet();
            assertTrue(MessageStates.read(d.connection, mailbox, keywords).isEmpty());
            assertTrue(keywords.isEmpty());
            assertTrue(MessageStates.read(d.connection, 999_999, keywords).isEmpty(), "no such mailbox");
        }
    }

    private static long mailbox(Connection c, long id) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("insert into mail_domain (id, name, created_at) values (" + id + ", 'd" + id
                    + ".test', current_timestamp)");
            s.executeUpdate("insert into account (id, domain_id, local_part, password_hash, created_at) values ("
                    + id + ", " + id + ", 'u', 'x', current_timestamp)");
            s.executeUpdate("insert into mailbox (id, account_id, name, uid_validity, uid_next, highest_modseq)"
                    + " values (" + id + ", " + id + ", 'INBOX', 1, 1, 1)");
            s.executeUpdate("insert into message_blob (id, size, chunk_count, created_at) values (" + id + ", 1, 1, current_timestamp)");
        }
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
