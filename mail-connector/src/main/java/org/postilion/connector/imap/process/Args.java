package org.postilion.connector.imap.process;

import org.postilion.connector.imap.ImapSession;
import org.postilion.connector.imap.decode.ImapArg;
import org.postilion.connector.imap.decode.SequenceSet;
import org.postilion.connector.imap.encode.ModifiedUtf7;

import java.util.List;
import java.util.Locale;

/** Reading typed values out of a command's arguments; every refusal is a {@link BadArguments}. */
public final class Args {

    private Args() {
    }

    /** Malformed arguments: answered {@code BAD} with the message. */
    public static final class BadArguments extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadArguments(String message) {
            super(message, null, false, false);
        }
    }

    public static void count(List<ImapArg> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw new BadArguments(args.size() < min ? "Missing arguments" : "Too many arguments");
        }
    }

    /** An {@code astring}: atom, string or literal (NIL as the word NIL). */
    public static String astring(ImapArg arg) {
        if (arg instanceof ImapArg.Nil) {
            return "NIL";
        }
        if (arg instanceof ImapArg.Atom a) {
            return a.value();
        }
        if (arg instanceof ImapArg.Str s) {
            return s.text();
        }
        throw new BadArguments("Expected a string");
    }

    public static String atom(ImapArg arg, String what) {
        if (arg instanceof ImapArg.Atom a) {
            return a.value();
        }
        throw new BadArguments("Expected " + what);
    }

    public static List<ImapArg> list(ImapArg arg, String what) {
        if (arg instanceof ImapArg.ListArg l) {
            return l.items();
        }
        throw new BadArguments("Expected a list of " + what);
    }

    public static boolean isList(ImapArg arg) {
        return arg instanceof ImapArg.ListArg;
    }

    public static boolean isAtom(ImapArg arg, String keyword) {
        return arg instanceof ImapArg.Atom a && a.is(keyword);
    }

    public static SequenceSet sequenceSet(ImapArg arg) {
        if (!(arg instanceof ImapArg.Atom a)) {
            throw new BadArguments("Expected a sequence set");
        }
        try {
            return SequenceSet.parse(a.value());
        } catch (IllegalArgumentException e) {
            throw new BadArguments("Invalid sequence set: " + e.getMessage());
        }
    }

    public static long number(ImapArg arg, String what) {
        String s = arg instanceof ImapArg.Atom a ? a.value() : null;
        if (s == null || s.isEmpty() || s.length() > 19) {
            throw new BadArguments("Expected a number (" + what + ")");
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new BadArguments("Expected a number (" + what + ")");
            }
            n = n * 10 + (c - '0');
        }
        if (n < 0) {
            throw new BadArguments("Number out of range (" + what + ")");
        }
        return n;
    }

    /**
     * A mailbox name as the store spells it: decoded from modified UTF-7 unless the session uses UTF-8, and
     * INBOX in any case as {@code INBOX} (RFC 9051 section 5.1), with its children.
     */
    public static String mailbox(ImapSession session, ImapArg arg) {
        String wire = astring(arg);
        String name;
        if (session.utf8()) {
            name = wire;
        } else {
            try {
                name = ModifiedUtf7.decode(wire);
            } catch (IllegalArgumentException e) {
                throw new BadArguments("Invalid mailbox name: " + e.getMessage());
            }
        }
        return canonicalInbox(name);
    }

    public static String canonicalInbox(String name) {
        if (name.length() >= 5 && name.substring(0, 5).equalsIgnoreCase("INBOX")
                && (name.length() == 5 || name.charAt(5) == '/')) {
            return "INBOX" + name.substring(5);
        }
        return name;
    }

    public static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
