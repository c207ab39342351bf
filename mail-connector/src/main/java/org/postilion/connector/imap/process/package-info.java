/**
 * One class per IMAP command (Dovecot's {@code cmd-*.c}), listed once in
 * {@link org.postilion.connector.imap.process.ImapCommands}, which checks the state and answers unknown
 * commands; each handler reads its arguments ({@link org.postilion.connector.imap.process.Args}: syntax, BAD),
 * asks the store (policy: NO with a response code), then changes the session. Shared engines beside them:
 * {@link org.postilion.connector.imap.process.MailboxSync} tells a client what changed (Dovecot's
 * {@code imap-sync.c}); {@code FetchCommand} streams content; {@code Login} is what LOGIN and AUTHENTICATE
 * share.
 */
package org.postilion.connector.imap.process;
