/**
 * The mail store: mailboxes (folders) of accounts, the messages in them, and their content.
 *
 * <p>Content is stored once ({@link org.postilion.mailbox.MessageBlob}, in chunks) and shared by every copy:
 * all local recipients of one message, later COPY and APPEND. A message in a mailbox
 * ({@link org.postilion.mailbox.MailboxMessage}) holds only what is per copy: UID, MODSEQ, flags, internal
 * date.
 *
 * <p>UIDs (RFC 9051 section 2.3.1.1) come from the mailbox row, taken under a row lock
 * ({@code SELECT ... FOR UPDATE}) in the appending transaction: correct with any number of writers on any
 * number of nodes, since the database, not a JVM, serialises them.
 *
 * <p>LIMITS: content chunk 256 KiB ({@link org.postilion.mailbox.BlobChunk#MAX_SIZE}).
 */
package org.postilion.mailbox;
