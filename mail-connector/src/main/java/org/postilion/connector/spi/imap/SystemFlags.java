package org.postilion.connector.spi.imap;

import java.util.ArrayList;
import java.util.List;

/**
 * The IMAP system flags (RFC 9051 section 2.3.2) as the bits of one integer, which is how the store keeps
 * them. {@code \Recent} is not among them: it belongs to one session, not to the message (IMAP4rev2 dropped
 * it); the connector adds it to FLAGS for the messages its session claimed ({@link ImapStoreListener#claimRecent}).
 */
public final class SystemFlags {

    public static final int SEEN = 1;
    public static final int ANSWERED = 1 << 1;
    public static final int FLAGGED = 1 << 2;
    public static final int DELETED = 1 << 3;
    public static final int DRAFT = 1 << 4;
    public static final int ALL = SEEN | ANSWERED | FLAGGED | DELETED | DRAFT;

    private static final String[] NAMES = {"\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft"};

    private SystemFlags() {
    }

    /** The flags' names, such as {@code \Seen}, in bit order. */
    public static List<String> names(int flags) {
        List<String> names = new ArrayList<>(Integer.bitCount(flags & ALL));
        for (int i = 0; i < NAMES.length; i++) {
            if ((flags & (1 << i)) != 0) {
                names.add(NAMES[i]);
            }
        }
        return names;
    }

    /** The bit of a system flag's name (case-insensitive), or 0 when the name is no system flag. */
    public static int bit(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equalsIgnoreCase(name)) {
                return 1 << i;
            }
        }
        return 0;
    }

    /** Whether a flag name is a keyword (an atom without backslash) rather than a system flag. */
    public static boolean isKeyword(String name) {
        return !name.isEmpty() && name.charAt(0) != '\\';
    }
}
