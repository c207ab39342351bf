package org.postilion.mailbox.internal;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.postilion.connector.spi.imap.MessageState;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Every message's UID, MODSEQ and flags in one mailbox, as SELECT needs them: read as SQL arrays
 * ({@code array_agg … order by uid}, which H2 2.x and PostgreSQL both have), one row per {@value #BUCKET} UIDs,
 * rather than one row per message. A 100 000-message mailbox is then a few dozen JDBC calls instead of half a
 * million: the container's pooled connection wraps every {@code ResultSet} call in a lock, and those calls cost
 * more than the database's own scan. (Buckets because H2 caps an array at 65 536 elements.)
 */
final class MessageStates {

    static final int BUCKET = 32768;
    static final String QUERY = "select array_agg(uid order by uid), array_agg(modseq order by uid),"
            + " array_agg(flags order by uid), array_agg(keywords order by uid)"
            + " from mailbox_message where mailbox_id = ?"
            + " group by uid / " + BUCKET + " order by uid / " + BUCKET;

    private MessageStates() {
    }

    /** The mailbox's messages by ascending UID; the keywords met are added to {@code keywords}. */
    static List<MessageState> of(EntityManager em, long mailboxId, Set<String> keywords) {
        em.flush(); // the query goes around Hibernate: what this transaction changed must be in the database
        return em.unwrap(Session.class).doReturningWork(c -> read(c, mailboxId, keywords));
    }

    /** {@link #of} on a plain JDBC connection. */
    static List<MessageState> read(Connection c, long mailboxId, Set<String> keywords) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(QUERY)) {
            ps.setLong(1, mailboxId);
            try (ResultSet rs = ps.executeQuery()) {
                List<MessageState> states = new ArrayList<>();
                while (rs.next()) {
                    Object[] uids = elements(rs, 1);
                    Object[] modseqs = elements(rs, 2);
                    Object[] flags = elements(rs, 3);
                    Object[] words = elements(rs, 4);
                    for (int i = 0; i < uids.length; i++) {
                        List<String> kw = words[i] == null ? List.of() : Keywords.split((String) words[i]);
                        keywords.addAll(kw);
                        states.add(new MessageState(((Number) uids[i]).longValue(), ((Number) modseqs[i]).longValue(),
                                ((Number) flags[i]).intValue(), kw));
                    }
                }
                return Collections.unmodifiableList(states);
            }
        }
    }

    private static Object[] elements(ResultSet rs, int column) throws SQLException {
        Array a = rs.getArray(column);
        try {
            return (Object[]) a.getArray();
        } finally {
            a.free();
        }
    }
}
