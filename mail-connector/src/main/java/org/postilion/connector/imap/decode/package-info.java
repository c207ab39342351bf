/**
 * Bytes to commands: {@link org.postilion.connector.imap.decode.CommandDecoder} reads lines and literals
 * incrementally with bounded memory, {@code CommandParser} turns them into a tag, a name and
 * {@link org.postilion.connector.imap.decode.ImapArg}s; {@link org.postilion.connector.imap.decode.SequenceSet}
 * reads sequence sets. Pure: no sockets, no store; tested on bytes.
 *
 * <p>STANDARDS: RFC 9051 sections 4 and 9, RFC 3501, RFC 7888 (LITERAL+/LITERAL-), RFC 3516 (literal8).
 */
package org.postilion.connector.imap.decode;
