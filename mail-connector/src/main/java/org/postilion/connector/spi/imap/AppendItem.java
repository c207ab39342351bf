package org.postilion.connector.spi.imap;

import org.postilion.connector.spi.MessageContent;

import java.time.Instant;
import java.util.List;

/**
 * One message of an APPEND.
 *
 * @param internalDate the date the client gave, or null for now
 * @param content      readable until the call returns
 */
public record AppendItem(int systemFlags, List<String> keywords, Instant internalDate, MessageContent content) {

    public AppendItem {
        keywords = List.copyOf(keywords);
    }
}
