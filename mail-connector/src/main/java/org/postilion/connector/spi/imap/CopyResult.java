package org.postilion.connector.spi.imap;

import java.io.Serializable;

/**
 * The result of a COPY or MOVE, for UIDPLUS's {@code COPYUID}: {@code sourceUids[i]} became {@code targetUids[i]}.
 */
public record CopyResult(long targetUidValidity, long[] sourceUids, long[] targetUids) implements Serializable {
}
