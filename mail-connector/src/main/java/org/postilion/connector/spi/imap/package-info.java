/**
 * What IMAP asks of the mail store: {@link ImapStoreListener}, implemented by a message-driven bean in the EJB
 * tier, and the values it carries. Sequence numbers never cross this line: the connector keeps each session's
 * view of a mailbox (which UIDs it has announced) and the store speaks only of UIDs and MODSEQs.
 *
 * <p>A session learns what changed in its selected mailbox by asking {@link ImapStoreListener#changes} for
 * everything above the highest MODSEQ it has seen; expunged messages leave tombstones carrying the MODSEQ of
 * their expunge, so that the answer includes them ({@link UidSet}, ranges: once the store has pruned old
 * tombstones, the answer to an old MODSEQ is the superset of every UID that no longer exists).
 * {@link MailboxSignals} only says <em>that</em> a mailbox changed (it wakes IDLE sessions); the store is always
 * the source of truth.
 *
 * <p>Mailbox names are Unicode strings with {@code /} as the hierarchy separator and {@code INBOX} always in
 * upper case; the connector converts from and to modified UTF-7 and canonicalises INBOX.
 */
package org.postilion.connector.spi.imap;
