package org.postilion.mailbox.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.postilion.mailbox.BlobChunk;
import org.postilion.mailbox.MessageBlob;
import org.postilion.mailbox.MessageSummary;
import org.postilion.mailbox.StoredStructure;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Message content, stored once: the bytes in chunks of {@link BlobChunk#MAX_SIZE}, with what parsing them once
 * found ({@link StoredStructure}) and their SHA-256. Runs in the caller's transaction.
 */
@ApplicationScoped
public class ContentStore {

    /** Statements take their id lists in slices of this size, well below any driver's limit. */
    private static final int ID_SLICE = 500;

    @PersistenceContext(unitName = "postilion")
    private EntityManager em;

    /** Stores the content of a delivery, recording its queue id so that the same delivery is never stored twice. */
    public MessageBlob store(String queueId, byte[] content, MessageSummary summary) {
        return create(queueId, content, summary, sha256(content));
    }

    /** The blob holding exactly these bytes if one exists (an APPEND of a message already stored), else a new one. */
    public MessageBlob storeShared(byte[] content) {
        String hash = sha256(content);
        List<MessageBlob> same = em.createNamedQuery(MessageBlob.BY_HASH, MessageBlob.class)
                .setParameter("hash", hash).setParameter("size", (long) content.length)
                .setMaxResults(1).getResultList();
        if (!same.isEmpty()) {
            return same.get(0);
        }
        return create(null, content, MessageSummary.read(new ByteArrayInputStream(content)), hash);
    }

    private MessageBlob create(String queueId, byte[] content, MessageSummary summary, String hash) {
        int chunks = Math.max(1, (content.length + BlobChunk.MAX_SIZE - 1) / BlobChunk.MAX_SIZE);
        MessageBlob blob = new MessageBlob(queueId, content.length, chunks, summary);
        blob.describe(Structures.parse(content), hash);
        em.persist(blob);
        for (int i = 0; i < chunks; i++) {
            int from = i * BlobChunk.MAX_SIZE;
            int to = Math.min(content.length, from + BlobChunk.MAX_SIZE);
            em.persist(new BlobChunk(blob.getId(), i, Arrays.copyOfRange(content, from, to)));
        }
        return blob;
    }

    /** Up to {@code length} bytes from {@code offset}, reading only the chunks that hold them. */
    public byte[] read(long blobId, long offset, int length) {
        if (offset < 0 || length <= 0) {
            return new byte[0];
        }
        int first = (int) Math.min(Integer.MAX_VALUE, offset / BlobChunk.MAX_SIZE);
        int last = (int) Math.min(Integer.MAX_VALUE, (offset + length - 1) / BlobChunk.MAX_SIZE);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(length, 1 << 20));
        for (BlobChunk chunk : em.createNamedQuery(BlobChunk.RANGE_OF_BLOB, BlobChunk.class)
                .setParameter("blobId", blobId).setParameter("first", first).setParameter("last", last)
                .getResultList()) {
            long chunkStart = (long) chunk.getSeq() * BlobChunk.MAX_SIZE;
            byte[] data = chunk.getData();
            int from = (int) Math.max(0, offset - chunkStart);
            int to = (int) Math.min(data.length, offset + length - chunkStart);
            if (from < to) {
                out.write(data, from, to - from);
            }
        }
        return out.toByteArray();
    }

    /** The whole content. */
    public byte[] readAll(MessageBlob blob) {
        return read(blob.getId(), 0, (int) Math.min(blob.getSize(), Integer.MAX_VALUE - 8));
    }

    /**
     * What parsing found; a blob stored before the store parsed messages (schema V2) is parsed now, once, and
     * the result kept.
     */
    public StoredStructure structureOf(MessageBlob blob) {
        StoredStructure s = blob.getStructure();
        if (s == null) {
            byte[] content = readAll(blob);
            s = Structures.parse(content);
            blob.describe(s, sha256(content));
        }
        return s;
    }

    /** Deletes the blobs among these that no message refers to any more, with their chunks. */
    public void deleteUnreferenced(List<Long> blobIds) {
        for (int i = 0; i < blobIds.size(); i += ID_SLICE) {
            List<Long> slice = blobIds.subList(i, Math.min(blobIds.size(), i + ID_SLICE));
            em.createNamedQuery(BlobChunk.DELETE_UNREFERENCED).setParameter("blobIds", slice).executeUpdate();
            em.createNamedQuery(MessageBlob.DELETE_UNREFERENCED).setParameter("blobIds", slice).executeUpdate();
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
