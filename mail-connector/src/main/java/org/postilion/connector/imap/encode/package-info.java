/**
 * Values to bytes: quoting rules (atom, quoted, literal), modified UTF-7 mailbox names (RFC 3501 section
 * 5.1.3) unless UTF-8 is on (RFC 6855, IMAP4rev2), and the FETCH response writer that streams message
 * content with back-pressure.
 */
package org.postilion.connector.imap.encode;
