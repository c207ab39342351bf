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
@NamedQuery(name = MessageBlob.BY_QUEUE_ID, query = "select b from MessageBlob b where b.queueId = :queueId")
@NamedQuery(name = MessageBlob.DELETE_UNREFERENCED, query = "delete from MessageBlob b where b.id in :blobIds"
        + " and not exists (select m.id from MailboxMessage m where m.blob.id = b.id)")
public class MessageBlob {

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
