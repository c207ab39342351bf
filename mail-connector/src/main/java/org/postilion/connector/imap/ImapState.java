package org.postilion.connector.imap;

import java.util.EnumSet;
import java.util.Set;

/** The connection states of RFC 9051 section 3; each command declares in which it is allowed. */
public enum ImapState {
    NOT_AUTHENTICATED, AUTHENTICATED, SELECTED, LOGOUT;

    public static final Set<ImapState> ANY = EnumSet.of(NOT_AUTHENTICATED, AUTHENTICATED, SELECTED);
    public static final Set<ImapState> NOT_AUTH = EnumSet.of(NOT_AUTHENTICATED);
    public static final Set<ImapState> AUTH = EnumSet.of(AUTHENTICATED, SELECTED);
    public static final Set<ImapState> SELECT = EnumSet.of(SELECTED);
}
