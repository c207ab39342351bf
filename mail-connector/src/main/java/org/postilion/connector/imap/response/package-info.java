/**
 * Responses as values: {@link org.postilion.connector.imap.response.Tagged} (status, response code, text),
 * which the connection renders after the untagged data of a command. Untagged data are rendered by the
 * command handlers with {@link org.postilion.connector.imap.encode.ImapStrings}'s quoting rules.
 */
package org.postilion.connector.imap.response;
