package org.postilion.connector.spi.imap;

import java.io.Serializable;
import java.util.List;

/**
 * What changed in a mailbox after a MODSEQ.
 *
 * @param changed  the messages whose MODSEQ is above it (new ones included), by ascending UID
 * @param vanished the UIDs expunged above it; a superset when the store no longer knows exactly: after it pruned
 *                 the tombstones of expunges up to a MODSEQ above the one asked for, it answers every UID below
 *                 {@code uidNext} that no longer exists, as RFC 7162 sections 3.2.5.2 and 3.2.7 allow for
 *                 {@code VANISHED (EARLIER)}. A session learns nothing false from that: UIDs are never reused
 * @param keywords at least the keywords of the changed messages (a store may list more); a session adds them to
 *                 the keywords it lists in FLAGS and never drops one, as Dovecot's keyword list only grows: a
 *                 keyword no message has any more stays a defined flag of the mailbox (RFC 9051 section 7.3.5)
 */
public record MailboxChanges(long uidNext, long highestModseq, List<MessageState> changed, UidSet vanished,
                             List<String> keywords) implements Serializable {
}
