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
import org.postilion.directory.Account;

/**
 * A mailbox of an account. {@code uidNext} and {@code highestModseq} are allocated only while this row is
 * locked by the appending transaction.
 */
@Entity
@Table(name = "mailbox")
@NamedQuery(name = Mailbox.BY_ACCOUNT_AND_NAME,
        query = "select m from Mailbox m where m.account.id = :accountId and m.name = :name")
@NamedQuery(name = Mailbox.BY_ACCOUNT, query = "select m from Mailbox m where m.account.id = :accountId order by m.name")
@NamedQuery(name = Mailbox.INBOX_OF_ACCOUNT,
        query = "select m from Mailbox m where m.account.id = :accountId and m.name = 'INBOX'")
@NamedQuery(name = Mailbox.DELETE_OF_ACCOUNT, query = "delete from Mailbox m where m.account.id = :accountId")
public class Mailbox {

    public static final String BY_ACCOUNT_AND_NAME = "Mailbox.byAccountAndName";
    public static final String BY_ACCOUNT = "Mailbox.byAccount";
    public static final String INBOX_OF_ACCOUNT = "Mailbox.inboxOfAccount";
    public static final String DELETE_OF_ACCOUNT = "Mailbox.deleteOfAccount";
    public static final String INBOX = "INBOX";

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

    protected Mailbox() {
    }

    /** A new, empty mailbox; UIDVALIDITY is the creation time in seconds, as Dovecot chooses it. */
    public Mailbox(Account account, String name, long uidValidity) {
        this.account = account;
        this.name = name;
        this.uidValidity = uidValidity;
        this.uidNext = 1;
        this.highestModseq = 1;
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

    public long getUidValidity() {
        return uidValidity;
    }

    public long getUidNext() {
        return uidNext;
    }

    public long getHighestModseq() {
        return highestModseq;
    }

    /** Takes the next UID and a new MODSEQ for one appended message; the row must be locked. */
    long[] allocateUidAndModseq() {
        long uid = uidNext++;
        long modseq = ++highestModseq;
        return new long[] {uid, modseq};
    }
}
