package org.postilion.mailbox.internal;

import org.postilion.mailbox.BlobChunk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The header blocks of several messages of a mailbox in one statement: each cut by the database from the
 * message's first chunk ({@code substring(data from 1 for header_size)}, which H2 2.x and PostgreSQL both have
 * for binary strings), so that a client's message list (headers of fifty messages) is one query, and no chunk
 * travels whole. Messages whose header reaches beyond the first chunk, or was never measured, are left out.
 */
final class HeaderBlocks {

    private HeaderBlocks() {
    }

    static Map<Long, byte[]> read(Connection c, long mailboxId, List<Long> uids) throws SQLException {
        if (uids.isEmpty()) {
            return Map.of();
        }
        String sql = "select m.uid, substring(c.data from 1 for cast(b.header_size as integer))"
                + " from mailbox_message m join message_blob b on b.id = m.blob_id"
                + " join blob_chunk c on c.blob_id = b.id and c.seq = 0"
                + " where m.mailbox_id = ? and b.header_size <= ? and m.uid between ? and ? and m.uid in ("
                + String.join(",", Collections.nCopies(uids.size(), "?")) + ")";
        Map<Long, byte[]> headers = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, mailboxId);
            ps.setLong(2, BlobChunk.MAX_SIZE);
            ps.setLong(3, Collections.min(uids)); // the range walks the (mailbox_id, uid) index; see JpaImapStore
            ps.setLong(4, Collections.max(uids));
            for (int i = 0; i < uids.size(); i++) {
                ps.setLong(i + 5, uids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    headers.put(rs.getLong(1), rs.getBytes(2));
                }
            }
        }
        return headers;
    }
}
