package org.postilion.mailbox;

import java.time.Instant;

/** Builds appended messages; the only place a {@link MailboxMessage} gets its UID. */
public final class MailboxAppends {

    private MailboxAppends() {
    }

    /**
     * A new message in {@code mailbox}, with the mailbox's next UID and a new MODSEQ.
     * The caller holds the mailbox row's lock (PESSIMISTIC_WRITE) in the current transaction.
     */
    public static MailboxMessage append(Mailbox mailbox, MessageBlob blob, Instant internalDate, int flags) {
        long[] uidAndModseq = mailbox.allocateUidAndModseq();
        return new MailboxMessage(mailbox, uidAndModseq[0], uidAndModseq[1], blob, internalDate, flags);
    }
}
