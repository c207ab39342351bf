package org.postilion.connector.spi.imap;

import java.io.Serializable;
import java.util.List;

/**
 * The result of a STORE.
 *
 * @param updated  the messages whose flags changed, with their new state and MODSEQ
 * @param modified the UIDs left alone because their MODSEQ was above UNCHANGEDSINCE (RFC 7162 MODIFIED)
 */
public record StoreResult(List<MessageState> updated, long[] modified) implements Serializable {
}
