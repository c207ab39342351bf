package org.postilion.connector.spi.imap;

import java.io.Serializable;

/** The result of an APPEND, for UIDPLUS's {@code APPENDUID}: the UIDs given, in the order of the messages. */
public record AppendResult(long uidValidity, long[] uids) implements Serializable {
}
