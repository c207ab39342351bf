package org.postilion.mailbox.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postilion.mailbox.BlobChunk;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The header blocks of a window of messages in one statement, on H2 and PostgreSQL with the real schema. */
class HeaderBlocksTest {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void cutsEachHeaderFromItsFirstChunkAndLeavesOutWhatItCannotAnswer(String db) throws SQLException {
        try (SchemaDatabase d = SchemaDatabase.open(db)) {
            Connection c = d.connection;
            d.mailbox(1, 1, 1);
            d.mailbox(2, 1, 1);
            message(c, 1, 1, "Subject: one\r\n\r\nbody one\r\n", 16);
            message(c, 1, 2, "Subject: two\r\nX: y\r\n\r\nbody two\r\n", 22);
            message(c, 1, 3, "no header measured\r\n", -1); // stored before parsing: left to read()
            message(c, 1, 4, "Subject: huge\r\n", BlobChunk.MAX_SIZE + 1L); // beyond the first chunk
            message(c, 2, 5, "Subject: elsewhere\r\n\r\n", 22);

            Map<Long, byte[]> headers = HeaderBlocks.read(c, 1, List.of(1L, 2L, 3L, 4L, 5L, 99L));

            assertEquals(2, headers.size(), "only what one statement can answer: " + headers.keySet());
            assertEquals("Subject: one\r\n\r\n", new String(headers.get(1L), StandardCharsets.US_ASCII));
            assertEquals("Subject: two\r\nX: y\r\n\r\n", new String(headers.get(2L), StandardCharsets.US_ASCII));
            assertTrue(HeaderBlocks.read(c, 1, List.of()).isEmpty());
            assertEquals(1, HeaderBlocks.read(c, 2, List.of(5L)).size(), "UID 5 is in the other mailbox");
        }
    }

    /** A message of one chunk; headerSize -1 for none recorded. */
    private static void message(Connection c, long mailbox, long uid, String content, long headerSize)
            throws SQLException {
        byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
        try (PreparedStatement blob = c.prepareStatement("insert into message_blob (id, size, chunk_count,"
                + " created_at, header_size) values (?, ?, 1, current_timestamp, ?)");
             PreparedStatement chunk = c.prepareStatement("insert into blob_chunk (blob_id, seq, data) values (?, 0, ?)");
             PreparedStatement message = c.prepareStatement("insert into mailbox_message (id, mailbox_id, uid, modseq,"
                     + " blob_id, internal_date, size, flags) values (?, ?, ?, 1, ?, current_timestamp, ?, 0)")) {
            blob.setLong(1, uid);
            blob.setLong(2, bytes.length);
            if (headerSize < 0) {
                blob.setNull(3, java.sql.Types.BIGINT);
            } else {
                blob.setLong(3, headerSize);
            }
            blob.executeUpdate();
            chunk.setLong(1, uid);
            chunk.setBytes(2, bytes);
            chunk.executeUpdate();
            message.setLong(1, uid);
            message.setLong(2, mailbox);
            message.setLong(3, uid);
            message.setLong(4, uid);
            message.setLong(5, bytes.length);
            message.executeUpdate();
        }
    }
}
