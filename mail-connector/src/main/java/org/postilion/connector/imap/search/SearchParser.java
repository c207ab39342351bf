package org.postilion.connector.imap.search;

import org.postilion.connector.imap.decode.ImapArg;
import org.postilion.connector.imap.decode.SequenceSet;
import org.postilion.connector.spi.imap.SystemFlags;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Reads search keys from the generic arguments (RFC 9051 section 9, {@code search-key}; RFC 3501 for NEW, OLD,
 * RECENT; RFC 7162 for MODSEQ). Shared by SEARCH, SORT and THREAD, which differ only in what comes before the
 * keys.
 *
 * <p>Recursion is bounded: NOT, OR and parentheses each go one level deeper, and a level beyond
 * {@link SearchProgram#MAX_DEPTH} is refused before it is entered, so no input reaches a StackOverflowError.
 */
final class SearchParser {

    private final List<ImapArg> args;
    private int pos;
    private int keys;

    private SearchParser(List<ImapArg> args, int pos) {
        this.args = args;
        this.pos = pos;
    }

    /** The keys of {@code args} from {@code from} to the end, side by side (an implicit AND). */
    static SearchKey parseKeys(List<ImapArg> args, int from) throws SearchSyntaxException {
        SearchParser p = new SearchParser(args, from);
        if (p.pos >= args.size()) {
            throw new SearchSyntaxException("missing search key");
        }
        List<SearchKey> list = new ArrayList<>();
        while (p.pos < args.size()) {
            list.add(p.key(1));
        }
        return and(list);
    }

    private static SearchKey and(List<SearchKey> list) {
        if (list.size() == 1) {
            return list.get(0);
        }
        // cheap keys first: AND has no order, and a flag test spares loading a body
        List<SearchKey> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingInt(SearchParser::cost));
        return new SearchKey.And(sorted);
    }

    private static int cost(SearchKey k) {
        int c = k.need().ordinal();
        for (SearchKey child : k.children()) {
            c = Math.max(c, cost(child));
        }
        return c;
    }

    private SearchKey key(int depth) throws SearchSyntaxException {
        if (depth > SearchProgram.MAX_DEPTH) {
            throw new SearchSyntaxException("search keys nested too deeply (more than " + SearchProgram.MAX_DEPTH
                    + " levels)");
        }
        if (++keys > SearchProgram.MAX_KEYS) {
            throw new SearchSyntaxException("too many search keys (more than " + SearchProgram.MAX_KEYS + ")");
        }
        if (pos >= args.size()) {
            throw new SearchSyntaxException("missing search key");
        }
        ImapArg arg = args.get(pos++);
        if (arg instanceof ImapArg.ListArg list) {
            if (list.items().isEmpty()) {
                throw new SearchSyntaxException("empty parenthesised search key");
            }
            SearchParser inner = new SearchParser(list.items(), 0);
            inner.keys = keys;
            List<SearchKey> group = new ArrayList<>();
            while (inner.pos < list.items().size()) {
                group.add(inner.key(depth + 1));
            }
            keys = inner.keys;
            return and(group);
        }
        if (!(arg instanceof ImapArg.Atom atom)) {
            throw new SearchSyntaxException("search key expected, not a string");
        }
        String word = atom.value();
        if (word.isEmpty()) {
            throw new SearchSyntaxException("search key expected");
        }
        char first = word.charAt(0);
        if (first == '$' || first == '*' || (first >= '0' && first <= '9')) {
            return new SearchKey.Numbers(sequenceSet(word), false);
        }
        return switch (word.toUpperCase(Locale.ROOT)) {
            case "ALL" -> new SearchKey.All();
            case "ANSWERED" -> new SearchKey.Flag(SystemFlags.ANSWERED, true);
            case "DELETED" -> new SearchKey.Flag(SystemFlags.DELETED, true);
            case "DRAFT" -> new SearchKey.Flag(SystemFlags.DRAFT, true);
            case "FLAGGED" -> new SearchKey.Flag(SystemFlags.FLAGGED, true);
            case "SEEN" -> new SearchKey.Flag(SystemFlags.SEEN, true);
            case "UNANSWERED" -> new SearchKey.Flag(SystemFlags.ANSWERED, false);
            case "UNDELETED" -> new SearchKey.Flag(SystemFlags.DELETED, false);
            case "UNDRAFT" -> new SearchKey.Flag(SystemFlags.DRAFT, false);
            case "UNFLAGGED" -> new SearchKey.Flag(SystemFlags.FLAGGED, false);
            case "UNSEEN" -> new SearchKey.Flag(SystemFlags.SEEN, false);
            case "KEYWORD" -> new SearchKey.Keyword(keyword(word), true);
            case "UNKEYWORD" -> new SearchKey.Keyword(keyword(word), false);
            case "RECENT" -> new SearchKey.Recent();
            case "NEW" -> new SearchKey.And(List.of(new SearchKey.Flag(SystemFlags.SEEN, false), new SearchKey.Recent()));
            case "OLD" -> new SearchKey.Not(new SearchKey.Recent());
            case "LARGER" -> new SearchKey.Size(number(word), true);
            case "SMALLER" -> new SearchKey.Size(number(word), false);
            case "BEFORE" -> new SearchKey.InternalDate(SearchKey.DateOp.BEFORE, date(word));
            case "ON" -> new SearchKey.InternalDate(SearchKey.DateOp.ON, date(word));
            case "SINCE" -> new SearchKey.InternalDate(SearchKey.DateOp.SINCE, date(word));
            case "SENTBEFORE" -> new SearchKey.SentDate(SearchKey.DateOp.BEFORE, date(word));
            case "SENTON" -> new SearchKey.SentDate(SearchKey.DateOp.ON, date(word));
            case "SENTSINCE" -> new SearchKey.SentDate(SearchKey.DateOp.SINCE, date(word));
            case "FROM" -> new SearchKey.Envelope(SearchKey.Field.FROM, folded(word));
            case "TO" -> new SearchKey.Envelope(SearchKey.Field.TO, folded(word));
            case "CC" -> new SearchKey.Envelope(SearchKey.Field.CC, folded(word));
            case "BCC" -> new SearchKey.Envelope(SearchKey.Field.BCC, folded(word));
            case "SUBJECT" -> new SearchKey.Envelope(SearchKey.Field.SUBJECT, folded(word));
            case "BODY" -> new SearchKey.Body(folded(word));
            case "TEXT" -> new SearchKey.Text(folded(word));
            case "HEADER" -> header(word);
            case "UID" -> new SearchKey.Numbers(sequenceSet(atom(word, "a sequence set")), true);
            case "MODSEQ" -> modseq();
            case "NOT" -> new SearchKey.Not(key(depth + 1));
            case "OR" -> {
                SearchKey left = key(depth + 1);
                SearchKey right = key(depth + 1);
                yield new SearchKey.Or(left, right);
            }
            default -> throw new SearchSyntaxException("unknown search key: " + printable(word));
        };
    }

    private ImapArg next(String key, String what) throws SearchSyntaxException {
        if (pos >= args.size()) {
            throw new SearchSyntaxException(key.toUpperCase(Locale.ROOT) + " needs " + what);
        }
        return args.get(pos++);
    }

    private String atom(String key, String what) throws SearchSyntaxException {
        if (!(next(key, what) instanceof ImapArg.Atom a)) {
            throw new SearchSyntaxException(key.toUpperCase(Locale.ROOT) + " needs " + what);
        }
        return a.value();
    }

    /** An {@code astring}: an atom, a quoted string or a literal, bounded. */
    private String astring(String key) throws SearchSyntaxException {
        ImapArg a = next(key, "a string");
        String s = ImapArg.asString(a);
        if (s == null) {
            throw new SearchSyntaxException(key.toUpperCase(Locale.ROOT) + " needs a string");
        }
        int octets = a instanceof ImapArg.Str str ? str.bytes().length : s.getBytes(StandardCharsets.UTF_8).length;
        if (octets > SearchProgram.MAX_STRING) {
            throw new SearchSyntaxException("search string longer than " + SearchProgram.MAX_STRING + " octets");
        }
        return s;
    }

    private String folded(String key) throws SearchSyntaxException {
        return Fold.fold(astring(key));
    }

    private SearchKey header(String key) throws SearchSyntaxException {
        String name = astring(key);
        if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c >= 127 || c == ':')) {
            throw new SearchSyntaxException("HEADER needs a header field name");
        }
        return new SearchKey.Header(name, folded(key));
    }

    private String keyword(String key) throws SearchSyntaxException {
        String k = atom(key, "a keyword");
        if (k.isEmpty() || k.chars().anyMatch(c -> c <= ' ' || c >= 127 || "(){%*\"\\]".indexOf(c) >= 0)) {
            throw new SearchSyntaxException(key.toUpperCase(Locale.ROOT) + " needs a keyword, not " + printable(k));
        }
        return k;
    }

    private long number(String key) throws SearchSyntaxException {
        String s = atom(key, "a number");
        long n = parseNumber(s);
        if (n < 0) {
            throw new SearchSyntaxException(key.toUpperCase(Locale.ROOT) + " needs a number from 0 to "
                    + Long.MAX_VALUE + ", not " + printable(s));
        }
        return n;
    }

    /** A non-negative decimal without sign that fits a long (RFC 9051 {@code number64}); -1 otherwise. */
    static long parseNumber(String s) {
        if (s.isEmpty() || s.length() > 19) {
            return -1;
        }
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
            if (n < 0) {
                return -1;
            }
        }
        return n;
    }

    private SearchKey modseq() throws SearchSyntaxException {
        // MODSEQ [entry-name SP entry-type-req SP] mod-sequence-valzer (RFC 7162 section 3.1.5)
        ImapArg first = next("MODSEQ", "a mod-sequence value");
        if (first instanceof ImapArg.Str) {
            String type = atom("MODSEQ", "an entry type after the entry name");
            if (!(type.equalsIgnoreCase("priv") || type.equalsIgnoreCase("shared") || type.equalsIgnoreCase("all"))) {
                throw new SearchSyntaxException("MODSEQ entry type must be priv, shared or all, not " + printable(type));
            }
            first = next("MODSEQ", "a mod-sequence value");
        }
        long n = first instanceof ImapArg.Atom a ? parseNumber(a.value()) : -1;
        if (n < 0) {
            throw new SearchSyntaxException("MODSEQ needs a mod-sequence value from 0 to " + Long.MAX_VALUE);
        }
        return new SearchKey.Modseq(n);
    }

    private SequenceSet sequenceSet(String s) throws SearchSyntaxException {
        try {
            return SequenceSet.parse(s);
        } catch (IllegalArgumentException e) {
            throw new SearchSyntaxException(e.getMessage());
        }
    }

    /** {@code date = date-text / DQUOTE date-text DQUOTE}, {@code date-text = date-day "-" date-month "-" date-year}. */
    private LocalDate date(String key) throws SearchSyntaxException {
        ImapArg a = next(key, "a date");
        String s = a instanceof ImapArg.Atom || a instanceof ImapArg.Str ? ImapArg.asString(a) : null;
        LocalDate d = s == null ? null : parseDate(s);
        if (d == null) {
            throw new SearchSyntaxException(key.toUpperCase(Locale.ROOT) + " needs a date such as 1-Feb-1994"
                    + (s == null ? "" : ", not " + printable(s)));
        }
        return d;
    }

    /** A search date ({@code 1-Feb-1994}, {@code 01-Feb-1994}); null when it is none or no real day. */
    static LocalDate parseDate(String s) {
        int d1 = s.indexOf('-');
        int d2 = d1 < 0 ? -1 : s.indexOf('-', d1 + 1);
        if (d1 < 1 || d1 > 2 || d2 != d1 + 4 || s.length() != d2 + 5) {
            return null;
        }
        long day = parseNumber(s.substring(0, d1));
        int month = MessageDate.month(s.substring(d1 + 1, d2));
        long year = parseNumber(s.substring(d2 + 1));
        if (day < 1 || month < 0 || year < 0) {
            return null;
        }
        try {
            return LocalDate.of((int) year, month + 1, (int) day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A client's word for an error message: bounded, control characters replaced. */
    static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        StringBuilder sb = new StringBuilder(cut.length() + 2).append('"');
        cut.codePoints().forEach(c -> sb.appendCodePoint(c < 0x20 || c == 0x7f || c == '"' ? '?' : c));
        return sb.append('"').toString();
    }
}
