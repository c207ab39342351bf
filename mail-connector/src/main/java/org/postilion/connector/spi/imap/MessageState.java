package org.postilion.connector.spi.imap;

import java.io.Serializable;
import java.util.List;

/**
 * One message's flags as of its MODSEQ.
 *
 * @param keywords the keywords (such as {@code $Forwarded}) as the client first spelled them; empty for most
 *                 messages
 */
public record MessageState(long uid, long modseq, int systemFlags, List<String> keywords) implements Serializable {

    public MessageState {
        keywords = List.copyOf(keywords);
    }

    public boolean has(int systemFlag) {
        return (systemFlags & systemFlag) != 0;
    }
}
