package org.postilion.mailbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * The content of one message, stored once and shared by all its copies, with what delivery read from its
 * header. The bytes are in {@link BlobChunk}s.
 */
@Entity
@Table(name = "message_blob")
@NamedQuery(name = MessageBlob.BY_HASH,
        query = "select b from MessageBlob b where b.contentHash = :hash and b.size = :size")
@NamedQuery(name = MessageBlob.BY_QUEUE_ID, query = "select b from MessageBlob b where b.queueId = :queueId")
@NamedQuery(name = MessageBlob.DELETE_UNREFERENCED, query = "delete from MessageBlob b where b.id in :blobIds"
        + " and not exists (select m.id from MailboxMessage m where m.blob.id = b.id)")
public class MessageBlob {

    public static final String BY_HASH = "MessageBlob.byHash";
    public static final String BY_QUEUE_ID = "MessageBlob.byQueueId";
    public static final String DELETE_UNREFERENCED = "MessageBlob.deleteUnreferenced";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "message_blob_seq")
    @SequenceGenerator(name = "message_blob_seq", sequenceName = "message_blob_seq", allocationSize = 50)
    private Long id;

    /** The queue id of the delivery that stored it; unique, so a redelivery finds it. Null for APPENDs. */
    @Column(name = "queue_id", length = 32, unique = true)
    private String queueId;

    @Column(nullable = false)
    private long size;

    @Column(name = "chunk_count", nullable = false)
    private int chunkCount;

    @Column(name = "header_from", length = 998)
    private String headerFrom;

    @Column(length = 998)
    private String subject;

    @Column(name = "sent_date")
    private Instant sentDate;

    @Column(name = "message_id", length = 998)
    private String messageId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(length = StoredStructure.MAX_TEXT)
    private String envelope;

    @Column(name = "body_structure", length = StoredStructure.MAX_TEXT)
    private String bodyStructure;

    @Column(length = StoredStructure.MAX_TEXT)
    private String body;

    @Column(name = "header_size")
    private Long headerSize;

    @Column(name = "mime_parts", length = StoredStructure.MAX_TEXT)
    private String mimeParts;

    /** SHA-256 of the content, hex; an APPEND of the same bytes shares this blob. */
    @Column(name = "content_hash", length = 64)
    private String contentHash;

    protected MessageBlob() {
    }

    public MessageBlob(String queueId, long size, int chunkCount, MessageSummary summary) {
        this.queueId = queueId;
        this.size = size;
        this.chunkCount = chunkCount;
        this.headerFrom = summary.from();
        this.subject = summary.subject();
        this.sentDate = summary.date();
        this.messageId = summary.messageId();
        this.createdAt = Instant.now();
    }

    /** Records what parsing the content found, and the content's hash. */
    public void describe(StoredStructure structure, String contentHash) {
        this.envelope = structure.envelope();
        this.bodyStructure = structure.bodyStructure();
        this.body = structure.body();
        this.headerSize = structure.headerSize();
        this.mimeParts = structure.mimeParts();
        this.contentHash = contentHash;
    }

    /** What parsing found, or null for a blob stored before the IMAP store parsed messages. */
    public StoredStructure getStructure() {
        return envelope == null ? null : new StoredStructure(envelope, bodyStructure, body, headerSize, mimeParts);
    }

    public String getContentHash() {
        return contentHash;
    }

    public Long getId() {
        return id;
    }

    public String getQueueId() {
        return queueId;
    }

    public long getSize() {
        return size;
    }

    public int getChunkCount() {
        return chunkCount;
    }

    public String getHeaderFrom() {
        return headerFrom;
    }

    public String getSubject() {
        return subject;
    }

    public Instant getSentDate() {
        return sentDate;
    }

    public String getMessageId() {
        return messageId;
    }
}
