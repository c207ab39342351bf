package org.postilion.connector.imap.encode;

import java.nio.charset.StandardCharsets;

/**
 * How strings go on the wire (RFC 9051 section 4.3): as an atom where the grammar allows one and the string
 * is one, else quoted when it has no CR, LF, NUL, and (without UTF-8) no 8-bit character, else as a literal.
 * Quoted strings escape {@code "} and {@code \}.
 */
public final class ImapStrings {

    private ImapStrings() {
    }

    /** A {@code string}: quoted, or a literal when it cannot be quoted. */
    public static String string(String s, boolean utf8) {
        if (quotable(s, utf8)) {
            return quote(s);
        }
        return "{" + s.getBytes(StandardCharsets.UTF_8).length + "}\r\n" + s;
    }

    /** An {@code nstring}: NIL for null. */
    public static String nstring(String s, boolean utf8) {
        return s == null ? "NIL" : string(s, utf8);
    }

    /** An {@code astring}: an atom when it is one (and not NIL), else a string. */
    public static String astring(String s, boolean utf8) {
        if (isAtom(s) && !s.equalsIgnoreCase("NIL")) {
            return s;
        }
        return string(s, utf8);
    }

    /**
     * A mailbox name as the client reads it: modified UTF-7 unless UTF-8 is on (UTF8=ACCEPT or IMAP4rev2),
     * and always quoted, as Dovecot does, except INBOX.
     */
    public static String mailbox(String name, boolean utf8) {
        String wire = utf8 ? name : ModifiedUtf7.encode(name);
        return wire.equals("INBOX") ? wire : string(wire, utf8);
    }

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    static boolean quotable(String s, boolean utf8) {
        if (s.length() > 1024) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || (c >= 0x80 && !utf8)) {
                return false;
            }
        }
        return true;
    }

    /** Whether s is an {@code atom}: one or more ATOM-CHARs. */
    public static boolean isAtom(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
