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
import org.hibernate.annotations.DynamicUpdate;
import org.postilion.connector.spi.imap.SystemFlags;
import org.postilion.directory.Account;

/**
 * A mailbox of an account. {@code uidNext}, {@code highestModseq} and the counters change only while this row
 * is locked ({@code PESSIMISTIC_WRITE}) by the writing transaction: that lock is what makes UID and MODSEQ
 * allocation atomic across sessions and server nodes, and keeps the counters exact.
 *
 * <p>{@code @DynamicUpdate}: an update writes only the columns that changed. A change made without the lock
 * (RENAME of a mailbox other than INBOX changes its name only) would otherwise write back every column as read,
 * and could put an older {@code uidNext} over a delivery that committed meanwhile: a UID given twice.
 */
@DynamicUpdate
@Entity
@Table(name = "mailbox")
@NamedQuery(name = Mailbox.BY_ACCOUNT_AND_NAME,
        query = "select m from Mailbox m where m.account.id = :accountId and m.name = :name")
@NamedQuery(name = Mailbox.BY_ACCOUNT, query = "select m from Mailbox m where m.account.id = :accountId order by m.name")
@NamedQuery(name = Mailbox.INBOX_OF_ACCOUNT,
        query = "select m from Mailbox m where m.account.id = :accountId and m.name = 'INBOX'")
@NamedQuery(name = Mailbox.BY_ID_AND_ACCOUNT,
        query = "select m from Mailbox m where m.id = :id and m.account.id = :accountId")
@NamedQuery(name = Mailbox.CHILDREN,
        query = "select m from Mailbox m where m.account.id = :accountId and m.name like :prefix escape '!'")
@NamedQuery(name = Mailbox.USAGE_OF_ACCOUNT, query = "select coalesce(sum(m.totalSize), 0), coalesce(sum(m.messageCount), 0)"
        + " from Mailbox m where m.account.id = :accountId")
@NamedQuery(name = Mailbox.SIZE_PER_DOMAIN, query = "select m.account.domain.name, sum(m.totalSize) from Mailbox m "
        + "group by m.account.domain.name")
@NamedQuery(name = Mailbox.USAGE_PER_ACCOUNT, query = "select m.account.id, sum(m.totalSize) from Mailbox m "
        + "where m.account.id in :accountIds group by m.account.id")
@NamedQuery(name = Mailbox.DELETE_OF_ACCOUNT, query = "delete from Mailbox m where m.account.id = :accountId")
public class Mailbox {

    public static final String BY_ACCOUNT_AND_NAME = "Mailbox.byAccountAndName";
    public static final String BY_ACCOUNT = "Mailbox.byAccount";
    public static final String INBOX_OF_ACCOUNT = "Mailbox.inboxOfAccount";
    public static final String BY_ID_AND_ACCOUNT = "Mailbox.byIdAndAccount";
    public static final String CHILDREN = "Mailbox.children";
    public static final String USAGE_OF_ACCOUNT = "Mailbox.usageOfAccount";
    public static final String DELETE_OF_ACCOUNT = "Mailbox.deleteOfAccount";
    public static final String SIZE_PER_DOMAIN = "Mailbox.sizePerDomain";
    public static final String USAGE_PER_ACCOUNT = "Mailbox.usagePerAccount";
    public static final String INBOX = "INBOX";
    /** The hierarchy separator. */
    public static final char SEPARATOR = '/';

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mailbox_seq")
    @SequenceGenerator(name = "mailbox_seq", sequenceName = "mailbox_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", nullable = false)
    private Account account;

    @Column(nullable = false, length = 255)
    private String name;

    @Column(name = "uid_validity", nullable = false)
    private long uidValidity;

    @Column(name = "uid_next", nullable = false)
    private long uidNext;

    @Column(name = "highest_modseq", nullable = false)
    private long highestModseq;

    @Column(name = "special_use", length = 16)
    private String specialUse;

    @Column(name = "message_count", nullable = false)
    private long messageCount;

    @Column(name = "unseen_count", nullable = false)
    private long unseenCount;

    @Column(name = "deleted_count", nullable = false)
    private long deletedCount;

    @Column(name = "total_size", nullable = false)
    private long totalSize;

    /** IMAP4rev1's {@code \Recent}: the first UID that no session has claimed (Dovecot's first_recent_uid). */
    @Column(name = "first_recent_uid", nullable = false)
    private long firstRecentUid;

    protected Mailbox() {
    }

    /** A new, empty mailbox; UIDVALIDITY is the creation time in seconds, as Dovecot chooses it. */
    public Mailbox(Account account, String name, long uidValidity) {
        this(account, name, uidValidity, null);
    }

    public Mailbox(Account account, String name, long uidValidity, String specialUse) {
        this.account = account;
        this.name = name;
        this.uidValidity = uidValidity;
        this.uidNext = 1;
        this.highestModseq = 1;
        this.firstRecentUid = 1;
        this.specialUse = specialUse;
    }

    public Long getId() {
        return id;
    }

    public Account getAccount() {
        return account;
    }

    public String getName() {
        return name;
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public long getUidValidity() {
        return uidValidity;
    }

    public long getUidNext() {
        return uidNext;
    }

    public long getHighestModseq() {
        return highestModseq;
    }

    public long getFirstRecentUid() {
        return firstRecentUid;
    }

    /**
     * Claims {@code \Recent} for one session: the UIDs from {@link #getFirstRecentUid} up to {@code upTo}
     * (never past UIDNEXT) are that session's; the row must be locked.
     *
     * @return the first UID claimed; the claim is empty when it is not below {@code upTo}
     */
    public long claimRecent(long upTo) {
        long from = firstRecentUid;
        firstRecentUid = Math.max(from, Math.min(upTo, uidNext));
        return from;
    }

    public String getSpecialUse() {
        return specialUse;
    }

    public long getMessageCount() {
        return messageCount;
    }

    public long getUnseenCount() {
        return unseenCount;
    }

    public long getDeletedCount() {
        return deletedCount;
    }

    public long getTotalSize() {
        return totalSize;
    }

    /** Takes the next UID and a new MODSEQ for one appended message; the row must be locked. */
    long[] allocateUidAndModseq() {
        long uid = uidNext++;
        long modseq = ++highestModseq;
        return new long[] {uid, modseq};
    }

    /** Takes the next UID; all messages of one operation share the MODSEQ of {@link #nextModseq}. */
    public long allocateUid() {
        return uidNext++;
    }

    /** A new MODSEQ for one operation (STORE, EXPUNGE, COPY); the row must be locked. */
    public long nextModseq() {
        return ++highestModseq;
    }

    /** Keeps the counters when a message with these flags and size arrives (+1) or leaves (-1). */
    public void count(int sign, int flags, long size) {
        messageCount += sign;
        totalSize += sign * size;
        if ((flags & SystemFlags.SEEN) == 0) {
            unseenCount += sign;
        }
        if ((flags & SystemFlags.DELETED) != 0) {
            deletedCount += sign;
        }
    }

    /** Keeps the counters when a message's flags change. */
    public void recount(int oldFlags, int newFlags) {
        count(-1, oldFlags, 0);
        count(1, newFlags, 0);
    }

    /** Takes over another mailbox's UID and MODSEQ counters (INBOX rename: the messages move here). */
    public void continueFrom(Mailbox other) {
        this.uidNext = Math.max(uidNext, other.uidNext);
        this.highestModseq = Math.max(highestModseq, other.highestModseq);
        this.firstRecentUid = Math.max(firstRecentUid, other.firstRecentUid);
    }

    /** All messages left (INBOX rename); UIDs are never reused, so uidNext stays. */
    public void emptied() {
        messageCount = 0;
        unseenCount = 0;
        deletedCount = 0;
        totalSize = 0;
    }
}
