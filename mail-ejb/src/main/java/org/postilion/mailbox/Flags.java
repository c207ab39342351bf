package org.postilion.mailbox;

import java.util.ArrayList;
import java.util.List;

/** The IMAP system flags (RFC 9051 section 2.3.2), as bits of one integer column. */
public final class Flags {

    public static final int SEEN = 1;
    public static final int ANSWERED = 1 << 1;
    public static final int FLAGGED = 1 << 2;
    public static final int DELETED = 1 << 3;
    public static final int DRAFT = 1 << 4;

    private static final String[] NAMES = {"\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft"};

    private Flags() {
    }

    /** The flags' names, such as {@code \Seen}, in bit order. */
    public static List<String> names(int flags) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            if ((flags & (1 << i)) != 0) {
                names.add(NAMES[i]);
            }
        }
        return names;
    }
}
