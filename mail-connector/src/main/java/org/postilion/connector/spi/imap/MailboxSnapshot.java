package org.postilion.connector.spi.imap;

import java.io.Serializable;
import java.util.List;

/**
 * A selected mailbox as of one moment.
 *
 * @param mailboxId     the store's id of the mailbox, used in every later call for it
 * @param keywords      every keyword used in the mailbox (for FLAGS and PERMANENTFLAGS)
 * @param messages      every message, by ascending UID
 */
public record MailboxSnapshot(long mailboxId, String name, long uidValidity, long uidNext, long highestModseq,
                              List<String> keywords, List<MessageState> messages) implements Serializable {
}
