package org.postilion.connector.imap.decode;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One argument of an IMAP command line as the generic parser reads it, before the command interprets it (the
 * way Dovecot's {@code imap-parser} hands {@code imap_arg}s to its commands).
 *
 * <p>Atoms keep everything between spaces, so a sequence set ({@code 1:*,5}), a flag ({@code \Seen}) or a
 * fetch attribute with its brackets and partial ({@code BODY.PEEK[HEADER.FIELDS (From To)]<0.2048>}) is one
 * atom: inside {@code [...]} the parser takes spaces and parentheses as part of the atom.
 */
public sealed interface ImapArg permits ImapArg.Atom, ImapArg.Str, ImapArg.Nil, ImapArg.ListArg {

    /** An atom, as sent (case kept). */
    record Atom(String value) implements ImapArg {
        public boolean is(String keyword) {
            return value.equalsIgnoreCase(keyword);
        }
    }

    /** A quoted string or a literal ({@code {n}}, {@code {n+}}, {@code ~{n}}), unquoted. */
    record Str(byte[] bytes, boolean literal) implements ImapArg {
        /** The string as UTF-8 text (IMAP4rev2 and UTF8=ACCEPT; plain ASCII otherwise). */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** {@code NIL}. */
    record Nil() implements ImapArg {
    }

    /** A parenthesised list. */
    record ListArg(List<ImapArg> items) implements ImapArg {
        public ListArg {
            items = List.copyOf(items);
        }
    }

    /** The argument as a string: an atom's value or a string's text; null for NIL and lists. */
    static String asString(ImapArg arg) {
        if (arg instanceof Atom a) {
            return a.value();
        }
        if (arg instanceof Str s) {
            return s.text();
        }
        return null;
    }
}
