package org.postilion.connector.spi.imap;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * What delivery (or APPEND) stored of a message when it parsed it once, so that FETCH never parses it again.
 *
 * @param envelope      the ENVELOPE, in IMAP syntax, from its opening to its closing parenthesis
 * @param bodyStructure the BODYSTRUCTURE, in IMAP syntax, with extension data
 * @param body          the BODY (BODYSTRUCTURE without extension data)
 * @param headerSize    the octets of the message's header, its empty line included
 * @param parts         the MIME parts in depth-first order, the message itself first (section "")
 */
public record MessageDescription(long uid, long modseq, int systemFlags, List<String> keywords,
                                 Instant internalDate, long size, String envelope, String bodyStructure,
                                 String body, long headerSize, List<MimePart> parts) implements Serializable {
}
