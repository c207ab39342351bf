package org.postilion.connector.imap.search;

import org.postilion.connector.spi.imap.MessageDescription;
import org.postilion.connector.spi.imap.MessageState;

/**
 * One message as SEARCH, SORT and THREAD see it. The session builds one per message of the selected mailbox
 * and fills in only what the program said it needs ({@code needsDescription()}, {@code needsHeader()},
 * {@code needsBody()}), so that a flag search never loads a description and a subject search never loads
 * content.
 */
public interface SearchCandidate {

    /** The message's sequence number in the session. */
    int seq();

    long uid();

    /** Flags and MODSEQ; never null. */
    MessageState state();

    /** What the store parsed at delivery; null unless the program needs it. */
    MessageDescription description();

    /** The raw header block, empty line included; null unless the program needs it. */
    byte[] header();

    /** The whole message as stored; null unless the program needs it. */
    byte[] content();
}
