package org.postilion.mailbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** Up to {@link #MAX_SIZE} octets of a {@link MessageBlob}, in order of {@code seq}. */
@Entity
@Table(name = "blob_chunk")
@IdClass(BlobChunk.Key.class)
@NamedQuery(name = BlobChunk.OF_BLOB, query = "select c from BlobChunk c where c.blobId = :blobId order by c.seq")
@NamedQuery(name = BlobChunk.RANGE_OF_BLOB, query = "select c from BlobChunk c where c.blobId = :blobId"
        + " and c.seq between :first and :last order by c.seq")
@NamedQuery(name = BlobChunk.DELETE_UNREFERENCED, query = "delete from BlobChunk c where c.blobId in :blobIds"
        + " and not exists (select m.id from MailboxMessage m where m.blob.id = c.blobId)")
public class BlobChunk {

    public static final String OF_BLOB = "BlobChunk.ofBlob";
    public static final String RANGE_OF_BLOB = "BlobChunk.rangeOfBlob";
    public static final String DELETE_UNREFERENCED = "BlobChunk.deleteUnreferenced";
    public static final int MAX_SIZE = 256 * 1024;

    @Id
    @Column(name = "blob_id")
    private long blobId;

    @Id
    @Column(name = "seq")
    private int seq;

    @Column(name = "data", nullable = false, length = MAX_SIZE)
    private byte[] data;

    protected BlobChunk() {
    }

    public BlobChunk(long blobId, int seq, byte[] data) {
        this.blobId = blobId;
        this.seq = seq;
        this.data = data;
    }

    public int getSeq() {
        return seq;
    }

    public byte[] getData() {
        return data;
    }

    /** The composite key (blob, seq). */
    public static class Key implements Serializable {
        private long blobId;
        private int seq;

        public Key() {
        }

        public Key(long blobId, int seq) {
            this.blobId = blobId;
            this.seq = seq;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.blobId == blobId && k.seq == seq;
        }

        @Override
        public int hashCode() {
            return Objects.hash(blobId, seq);
        }
    }
}
