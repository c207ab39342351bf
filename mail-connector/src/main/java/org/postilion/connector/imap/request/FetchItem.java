package org.postilion.connector.imap.request;

import java.util.List;

/**
 * One FETCH data item (RFC 9051 section 6.4.5), typed.
 */
public sealed interface FetchItem permits FetchItem.Simple, FetchItem.Section {

    /** Items that come from the session's view or from what the store described, never from content. */
    enum Kind { FLAGS, UID, MODSEQ, INTERNALDATE, RFC822_SIZE, ENVELOPE, BODY, BODYSTRUCTURE }

    record Simple(Kind kind) implements FetchItem {
    }

    /** What part of a section a BODY[...] asks for. */
    enum Text { ALL, HEADER, HEADER_FIELDS, HEADER_FIELDS_NOT, TEXT, MIME }

    /**
     * A body section: {@code BODY[part.text]<offset.length>}, {@code RFC822*}, {@code BINARY[part]} or
     * {@code BINARY.SIZE[part]}.
     *
     * @param responseName how the response names it, such as {@code BODY[HEADER.FIELDS (From)]} (the partial's
     *                     origin is appended when there is one)
     * @param part         the part number, such as {@code 1.2}, or {@code ""} for the whole message
     * @param offset       the partial's origin, or -1 for none
     */
    record Section(String responseName, boolean peek, String part, Text text, List<String> fields, long offset,
                   long length, boolean binary, boolean size) implements FetchItem {

        public Section {
            fields = List.copyOf(fields);
        }

        public boolean setsSeen() {
            return !peek && !size;
        }
    }
}
