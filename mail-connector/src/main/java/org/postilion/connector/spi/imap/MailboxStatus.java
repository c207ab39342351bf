package org.postilion.connector.spi.imap;

import java.io.Serializable;

/**
 * The counts STATUS reports (RFC 9051 section 6.3.11, SIZE and HIGHESTMODSEQ included).
 *
 * @param size    the total size of the messages in octets
 * @param deleted the number of messages flagged {@code \Deleted}
 * @param recent  the number of messages no session has claimed as {@code \Recent} yet (IMAP4rev1's STATUS
 *                RECENT)
 */
public record MailboxStatus(long mailboxId, String name, long messages, long unseen, long deleted, long size,
                            long uidNext, long uidValidity, long highestModseq, long recent)
        implements Serializable {
}
