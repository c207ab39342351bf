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
        mailbox.count(1, flags, blob.getSize());
        return new MailboxMessage(mailbox, uidAndModseq[0], uidAndModseq[1], blob, internalDate, flags, null);
    }

    /**
     * A message of one operation (APPEND, COPY, MOVE) in {@code mailbox}: the next UID, and the operation's
     * MODSEQ. The caller holds the mailbox row's lock.
     */
    public static MailboxMessage append(Mailbox mailbox, long modseq, MessageBlob blob, Instant internalDate,
                                        int flags, String keywords) {
        mailbox.count(1, flags, blob.getSize());
        return new MailboxMessage(mailbox, mailbox.allocateUid(), modseq, blob, internalDate, flags, keywords);
    }
}
