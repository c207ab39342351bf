/**
 * The mail store: mailboxes (folders) of accounts, the messages in them, and their content. What IMAP asks of
 * it is {@link org.postilion.connector.spi.imap.ImapStoreListener}, implemented by
 * {@code internal/JpaImapStore}; delivery stores through {@link org.postilion.mailbox.MailboxStore}.
 *
 * <p>Content is stored once ({@link org.postilion.mailbox.MessageBlob}, in chunks) and shared by every copy:
 * all local recipients of one message, COPY and MOVE, and an APPEND of bytes already stored. With it is what
 * parsing it once found ({@link org.postilion.mailbox.StoredStructure}: ENVELOPE, BODYSTRUCTURE, part offsets),
 * so that FETCH never parses again. A message in a mailbox ({@link org.postilion.mailbox.MailboxMessage}) holds
 * only what is per copy: UID, MODSEQ, flags and keywords, internal date.
 *
 * <p>UIDs (RFC 9051 section 2.3.1.1) and MODSEQs (RFC 7162) come from the mailbox row, taken under a row lock
 * ({@code SELECT ... FOR UPDATE}) in the writing transaction: correct with any number of writers on any number
 * of nodes, since the database, not a JVM, serialises them. Expunges leave tombstones
 * ({@link org.postilion.mailbox.ExpungedMessage}) with their MODSEQ, pruned after
 * {@code postilion.imap.tombstone-days} (30) by {@code internal/TombstonePruner}. See docs/adr/0002-imap-store.md.
 *
 * <p>LIMITS: content chunk 256 KiB ({@link org.postilion.mailbox.BlobChunk#MAX_SIZE}); mailbox names and
 * keywords as {@code internal/JpaImapStore} states.
 */
package org.postilion.mailbox;
