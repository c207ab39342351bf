package org.postilion.connector.imap.request;

import org.postilion.connector.imap.decode.ImapArg;
import org.postilion.connector.imap.decode.SequenceSet;
import org.postilion.connector.imap.process.Args;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A FETCH command's arguments (RFC 9051 section 6.4.5): the set, the items (macros ALL, FAST and FULL
 * expanded) and the CONDSTORE/QRESYNC modifiers {@code (CHANGEDSINCE n [VANISHED])} (RFC 7162). Pure; every
 * refusal is an {@link Args.BadArguments}.
 *
 * <p>LIMITS: at most 100 items; 100 header field names per section; part numbers of at most 20 levels.
 */
public record FetchRequest(SequenceSet set, List<FetchItem> items, long changedSince, boolean vanished) {

    public static FetchRequest parse(List<ImapArg> args) {
        if (args.size() < 2 || args.size() > 3) {
            throw new Args.BadArguments(args.size() < 2 ? "Missing arguments" : "Too many arguments");
        }
        SequenceSet set = Args.sequenceSet(args.get(0));
        List<FetchItem> items = new ArrayList<>();
        ImapArg what = args.get(1);
        if (what instanceof ImapArg.ListArg list) {
            if (list.items().isEmpty() || list.items().size() > 100) {
                throw new Args.BadArguments("One to 100 fetch items");
            }
            for (ImapArg a : list.items()) {
                items.add(item(Args.atom(a, "a fetch item")));
            }
        } else {
            String atom = Args.atom(what, "fetch items");
            switch (atom.toUpperCase(Locale.ROOT)) {
                case "ALL" -> items.addAll(simple(FetchItem.Kind.FLAGS, FetchItem.Kind.INTERNALDATE,
                        FetchItem.Kind.RFC822_SIZE, FetchItem.Kind.ENVELOPE));
                case "FAST" -> items.addAll(simple(FetchItem.Kind.FLAGS, FetchItem.Kind.INTERNALDATE,
                        FetchItem.Kind.RFC822_SIZE));
                case "FULL" -> items.addAll(simple(FetchItem.Kind.FLAGS, FetchItem.Kind.INTERNALDATE,
                        FetchItem.Kind.RFC822_SIZE, FetchItem.Kind.ENVELOPE, FetchItem.Kind.BODY));
                default -> items.add(item(atom));
            }
        }
        long changedSince = -1;
        boolean vanished = false;
        if (args.size() == 3) {
            List<ImapArg> mods = Args.list(args.get(2), "fetch modifiers");
            for (int i = 0; i < mods.size(); i++) {
                String m = Args.upper(Args.atom(mods.get(i), "a fetch modifier"));
                if (m.equals("CHANGEDSINCE") && i + 1 < mods.size()) {
                    changedSince = Args.number(mods.get(++i), "CHANGEDSINCE");
                } else if (m.equals("VANISHED")) {
                    vanished = true;
                } else {
                    throw new Args.BadArguments("Unknown fetch modifier " + m);
                }
            }
            if (vanished && changedSince < 0) {
                throw new Args.BadArguments("VANISHED needs CHANGEDSINCE");
            }
        }
        return new FetchRequest(set, List.copyOf(items), changedSince, vanished);
    }

    private static List<FetchItem> simple(FetchItem.Kind... kinds) {
        List<FetchItem> l = new ArrayList<>();
        for (FetchItem.Kind k : kinds) {
            l.add(new FetchItem.Simple(k));
        }
        return l;
    }

    static FetchItem item(String atom) {
        String upper = atom.toUpperCase(Locale.ROOT);
        int bracket = upper.indexOf('[');
        if (bracket < 0) {
            return switch (upper) {
                case "FLAGS" -> new FetchItem.Simple(FetchItem.Kind.FLAGS);
                case "UID" -> new FetchItem.Simple(FetchItem.Kind.UID);
                case "MODSEQ" -> new FetchItem.Simple(FetchItem.Kind.MODSEQ);
                case "INTERNALDATE" -> new FetchItem.Simple(FetchItem.Kind.INTERNALDATE);
                case "RFC822.SIZE" -> new FetchItem.Simple(FetchItem.Kind.RFC822_SIZE);
                case "ENVELOPE" -> new FetchItem.Simple(FetchItem.Kind.ENVELOPE);
                case "BODY" -> new FetchItem.Simple(FetchItem.Kind.BODY);
                case "BODYSTRUCTURE" -> new FetchItem.Simple(FetchItem.Kind.BODYSTRUCTURE);
                case "RFC822" -> new FetchItem.Section("RFC822", false, "", FetchItem.Text.ALL, List.of(), -1, -1,
                        false, false);
                case "RFC822.HEADER" -> new FetchItem.Section("RFC822.HEADER", true, "", FetchItem.Text.HEADER,
                        List.of(), -1, -1, false, false);
                case "RFC822.TEXT" -> new FetchItem.Section("RFC822.TEXT", false, "", FetchItem.Text.TEXT,
                        List.of(), -1, -1, false, false);
                default -> throw new Args.BadArguments("Unknown fetch item " + abbreviate(atom));
            };
        }
        String prefix = upper.substring(0, bracket);
        boolean peek = prefix.endsWith(".PEEK");
        boolean binary = prefix.startsWith("BINARY");
        boolean size = prefix.equals("BINARY.SIZE");
        if (!prefix.equals("BODY") && !prefix.equals("BODY.PEEK") && !prefix.equals("BINARY")
                && !prefix.equals("BINARY.PEEK") && !size) {
            throw new Args.BadArguments("Unknown fetch item " + abbreviate(atom));
        }
        int close = atom.lastIndexOf(']');
        if (close < bracket) {
            throw new Args.BadArguments("Missing ']'");
        }
        String inner = atom.substring(bracket + 1, close);
        String rest = atom.substring(close + 1);
        long offset = -1;
        long length = -1;
        if (!rest.isEmpty()) {
            if (size || !rest.startsWith("<") || !rest.endsWith(">")) {
                throw new Args.BadArguments("Invalid partial");
            }
            String[] p = rest.substring(1, rest.length() - 1).split("\\.", -1);
            if (p.length != 2) {
                throw new Args.BadArguments("Invalid partial");
            }
            offset = partialNumber(p[0]);
            length = partialNumber(p[1]);
            if (length == 0) {
                throw new Args.BadArguments("Invalid partial length 0");
            }
        }
        // the part number: digits separated by dots
        int i = 0;
        int levels = 0;
        while (i < inner.length() && Character.isDigit(inner.charAt(i))) {
            int start = i;
            while (i < inner.length() && Character.isDigit(inner.charAt(i))) {
                i++;
            }
            if (inner.charAt(start) == '0' || i - start > 9 || ++levels > 20) {
                throw new Args.BadArguments("Invalid part number");
            }
            if (i < inner.length() && inner.charAt(i) == '.') {
                i++;
            } else {
                break;
            }
        }
        String part = inner.substring(0, i);
        String textSpec = inner.substring(i);
        if (part.endsWith(".")) {
            part = part.substring(0, part.length() - 1);
            if (textSpec.isEmpty()) {
                throw new Args.BadArguments("Invalid section");
            }
        } else if (!textSpec.isEmpty() && !part.isEmpty()) {
            throw new Args.BadArguments("Invalid section");
        }
        String specUpper = textSpec.toUpperCase(Locale.ROOT);
        FetchItem.Text text;
        List<String> fields = List.of();
        if (specUpper.isEmpty()) {
            text = FetchItem.Text.ALL;
        } else if (specUpper.equals("HEADER")) {
            text = FetchItem.Text.HEADER;
        } else if (specUpper.equals("TEXT")) {
            text = FetchItem.Text.TEXT;
        } else if (specUpper.equals("MIME")) {
            if (part.isEmpty()) {
                throw new Args.BadArguments("MIME needs a part number");
            }
            text = FetchItem.Text.MIME;
        } else if (specUpper.startsWith("HEADER.FIELDS.NOT ") || specUpper.startsWith("HEADER.FIELDS ")) {
            text = specUpper.startsWith("HEADER.FIELDS.NOT") ? FetchItem.Text.HEADER_FIELDS_NOT
                    : FetchItem.Text.HEADER_FIELDS;
            String list = textSpec.substring(textSpec.indexOf(' ') + 1).strip();
            if (!list.startsWith("(") || !list.endsWith(")")) {
                throw new Args.BadArguments("Invalid header field list");
            }
            fields = fields(list.substring(1, list.length() - 1));
        } else {
            throw new Args.BadArguments("Invalid section " + abbreviate(textSpec));
        }
        if (binary && text != FetchItem.Text.ALL) {
            throw new Args.BadArguments("BINARY takes a part number only");
        }
        String canonical = part + (part.isEmpty() || text == FetchItem.Text.ALL ? "" : ".") + switch (text) {
            case ALL -> "";
            case HEADER -> "HEADER";
            case TEXT -> "TEXT";
            case MIME -> "MIME";
            case HEADER_FIELDS -> "HEADER.FIELDS (" + String.join(" ", fields) + ")";
            case HEADER_FIELDS_NOT -> "HEADER.FIELDS.NOT (" + String.join(" ", fields) + ")";
        };
        String name = (size ? "BINARY.SIZE" : binary ? "BINARY" : "BODY") + "[" + canonical + "]";
        return new FetchItem.Section(name, peek, part, text, fields, offset, length, binary, size);
    }

    private static List<String> fields(String list) {
        List<String> fields = new ArrayList<>();
        for (String f : list.strip().split("\\s+")) {
            if (f.isEmpty()) {
                continue;
            }
            String name = f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"") ? f.substring(1, f.length() - 1) : f;
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c <= 0x20 || c >= 0x7f || c == ':') {
                    throw new Args.BadArguments("Invalid header field name");
                }
            }
            fields.add(name);
        }
        if (fields.isEmpty() || fields.size() > 100) {
            throw new Args.BadArguments("One to 100 header field names");
        }
        return fields;
    }

    private static long partialNumber(String s) {
        if (s.isEmpty() || s.length() > 10) {
            throw new Args.BadArguments("Invalid partial");
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new Args.BadArguments("Invalid partial");
            }
            n = n * 10 + (c - '0');
        }
        if (n > 4294967295L) {
            throw new Args.BadArguments("Invalid partial");
        }
        return n;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
