package org.postilion.mailbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** One message in one mailbox: its UID, MODSEQ, flags and internal date; the content is shared. */
@Entity
@Table(name = "mailbox_message")
@NamedQuery(name = MailboxMessage.IN_MAILBOX,
        query = "select m from MailboxMessage m join fetch m.blob where m.mailbox.id = :mailboxId order by m.uid")
@NamedQuery(name = MailboxMessage.BY_UID,
        query = "select m from MailboxMessage m join fetch m.blob where m.mailbox.id = :mailboxId and m.uid = :uid")
@NamedQuery(name = MailboxMessage.BLOB_IDS_OF_ACCOUNT,
        query = "select distinct m.blob.id from MailboxMessage m where m.mailbox.account.id = :accountId")
@NamedQuery(name = MailboxMessage.DELETE_OF_ACCOUNT,
        query = "delete from MailboxMessage m where m.mailbox.id in "
                + "(select b.id from Mailbox b where b.account.id = :accountId)")
@NamedQuery(name = MailboxMessage.COUNT_OF_BLOB, query = "select count(m) from MailboxMessage m where m.blob.id = :blobId")
@NamedQuery(name = MailboxMessage.COUNT_FROM_UID,
        query = "select count(m) from MailboxMessage m where m.mailbox.id = :mailboxId and m.uid >= :uid")
public class MailboxMessage {

    public static final String IN_MAILBOX = "MailboxMessage.inMailbox";
    public static final String BY_UID = "MailboxMessage.byUid";
    public static final String BLOB_IDS_OF_ACCOUNT = "MailboxMessage.blobIdsOfAccount";
    public static final String DELETE_OF_ACCOUNT = "MailboxMessage.deleteOfAccount";
    public static final String COUNT_OF_BLOB = "MailboxMessage.countOfBlob";
    /** The messages of a mailbox from a UID on (STATUS RECENT: those no session has claimed). */
    public static final String COUNT_FROM_UID = "MailboxMessage.countFromUid";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mailbox_message_seq")
    @SequenceGenerator(name = "mailbox_message_seq", sequenceName = "mailbox_message_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "mailbox_id", nullable = false)
    private Mailbox mailbox;

    @Column(nullable = false)
    private long uid;

    @Column(nullable = false)
    private long modseq;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "blob_id", nullable = false)
    private MessageBlob blob;

    @Column(name = "internal_date", nullable = false)
    private Instant internalDate;

    @Column(nullable = false)
    private long size;

    @Column(nullable = false)
    private int flags;

    /** Keywords separated by spaces, as the client first spelled them; null when there are none. */
    @Column(length = 2000)
    private String keywords;

    protected MailboxMessage() {
    }

    MailboxMessage(Mailbox mailbox, long uid, long modseq, MessageBlob blob, Instant internalDate, int flags,
                   String keywords) {
        this.mailbox = mailbox;
        this.uid = uid;
        this.modseq = modseq;
        this.blob = blob;
        this.internalDate = internalDate;
        this.size = blob.getSize();
        this.flags = flags;
        this.keywords = keywords;
    }

    public Long getId() {
        return id;
    }

    public Mailbox getMailbox() {
        return mailbox;
    }

    public long getUid() {
        return uid;
    }

    public long getModseq() {
        return modseq;
    }

    public MessageBlob getBlob() {
        return blob;
    }

    public Instant getInternalDate() {
        return internalDate;
    }

    public long getSize() {
        return size;
    }

    /** The system flags, as the bits of {@link Flags}. */
    public int getFlags() {
        return flags;
    }

    /** The keywords separated by spaces, or null. */
    public String getKeywords() {
        return keywords;
    }

    /**
     * Sets the flags and keywords at a new MODSEQ, keeping the mailbox's counters; the caller holds the
     * mailbox row's lock.
     */
    public void changeFlags(int newFlags, String newKeywords, long newModseq) {
        mailbox.recount(flags, newFlags);
        this.flags = newFlags;
        this.keywords = newKeywords;
        this.modseq = newModseq;
    }

    /** Moves the message, keeping its UID, to a mailbox that continues this one's UIDs (INBOX rename). */
    public void moveTo(Mailbox target, long newModseq) {
        this.mailbox = target;
        this.modseq = newModseq;
    }
}
