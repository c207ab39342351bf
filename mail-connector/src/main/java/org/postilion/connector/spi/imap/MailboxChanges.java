package org.postilion.connector.spi.imap;

import java.io.Serializable;
import java.util.List;

/**
 * What changed in a mailbox after a MODSEQ.
 *
 * @param changed  the messages whose MODSEQ is above it (new ones included), by ascending UID
 * @param vanished the UIDs expunged above it, ascending
 * @param keywords every keyword now used in the mailbox, in all its messages, not only the changed ones; read
 *                 only when {@code changed} or {@code vanished} is not empty (else no message changed, so neither
 *                 did the keywords, and a store may leave it empty rather than look at every message)
 */
public record MailboxChanges(long uidNext, long highestModseq, List<MessageState> changed, long[] vanished,
                             List<String> keywords) implements Serializable {
}
