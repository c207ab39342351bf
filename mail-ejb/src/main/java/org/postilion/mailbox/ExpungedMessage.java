package org.postilion.mailbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * The tombstone of an expunged message: its UID and the MODSEQ of the expunge. Sessions learn of expunges by
 * asking for tombstones above the MODSEQ they know, and QRESYNC reports them as {@code VANISHED (EARLIER)}.
 * They are pruned after a retention ({@code internal.TombstonePruner}), which first raises the mailbox's
 * {@code vanished_floor_modseq} (not mapped on {@link Mailbox}: only {@code internal.Tombstones} reads or writes it).
 */
@Entity
@Table(name = "mailbox_expunged")
@IdClass(ExpungedMessage.Key.class)
public class ExpungedMessage {

    @Id
    @Column(name = "mailbox_id")
    private long mailboxId;

    @Id
    @Column(name = "uid")
    private long uid;

    @Column(nullable = false)
    private long modseq;

    /** When it was written: the retention counts from here. */
    @Column(name = "expunged_at", nullable = false)
    private Instant expungedAt;

    protected ExpungedMessage() {
    }

    public ExpungedMessage(long mailboxId, long uid, long modseq) {
        this.mailboxId = mailboxId;
        this.uid = uid;
        this.modseq = modseq;
        this.expungedAt = Instant.now();
    }

    public long getUid() {
        return uid;
    }

    public long getModseq() {
        return modseq;
    }

    /** The primary key: a mailbox and a UID. */
    public static class Key implements Serializable {
        private long mailboxId;
        private long uid;

        public Key() {
        }

        public Key(long mailboxId, long uid) {
            this.mailboxId = mailboxId;
            this.uid = uid;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.mailboxId == mailboxId && k.uid == uid;
        }

        @Override
        public int hashCode() {
            return Objects.hash(mailboxId, uid);
        }
    }
}
