package org.postilion.connector.spi.imap;

import java.io.Serializable;
import java.util.List;

/**
 * A selected mailbox as of one moment.
 *
 * @param mailboxId     the store's id of the mailbox, used in every later call for it
 * @param keywords      every keyword used in the mailbox (for FLAGS and PERMANENTFLAGS)
 * @param messages      every message, by ascending UID
 * @param firstRecentUid the first UID that no session has claimed as {@code \Recent} yet (as of this moment);
 *                       when it is below {@code uidNext}, a read-write IMAP4rev1 session asks
 *                       {@link ImapStoreListener#claimRecent} for the messages from it
 */
public record MailboxSnapshot(long mailboxId, String name, long uidValidity, long uidNext, long highestModseq,
                              List<String> keywords, List<MessageState> messages, long firstRecentUid)
        implements Serializable {
}
