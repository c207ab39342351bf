package org.postilion.connector.spi.imap;

import java.io.Serializable;
import java.util.List;

/**
 * A STORE of flags.
 *
 * @param keywords keywords to add, remove or set, as the client spelled them
 */
public record FlagChange(Mode mode, int systemFlags, List<String> keywords) implements Serializable {

    public enum Mode {
        /** {@code FLAGS}: the flags become exactly these. */
        REPLACE,
        /** {@code +FLAGS}. */
        ADD,
        /** {@code -FLAGS}. */
        REMOVE
    }

    public FlagChange {
        keywords = List.copyOf(keywords);
    }
}
