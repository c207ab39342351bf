package org.postilion.connector.imap.search;

import org.postilion.connector.imap.decode.ImapArg;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * SORT and UID SORT (RFC 5256 section 3, with DISPLAYFROM and DISPLAYTO of RFC 5957):
 * <pre>
 *   sort           = ["UID" SP] "SORT" SP sort-criteria SP search-criteria
 *   sort-criteria  = "(" sort-criterion *(SP sort-criterion) ")"
 *   sort-criterion = ["REVERSE" SP] sort-key
 *   search-criteria = charset 1*(SP search-key)
 * </pre>
 * The charset is mandatory here; the rules are SEARCH's ({@link SearchProgram}), except that once UTF-8 is
 * enabled only UTF-8 is accepted (RFC 6855 erratum 4029). Messages that compare equal on every criterion keep
 * their mailbox order, whatever REVERSE says (RFC 5256 section 3: ties are broken by sequence number).
 *
 * <p>Every criterion is answered from the stored description (ENVELOPE, internal date, size), so a SORT loads
 * no header or content unless its search keys do.
 *
 * <p>STANDARDS: RFC 5256 (SORT, base subject), RFC 5957 (DISPLAYFROM, DISPLAYTO).
 *
 * <p>LIMITS: those of {@link SearchProgram}; at most {@value #MAX_CRITERIA} sort criteria.
 */
public final class SortProgram {

    public static final int MAX_CRITERIA = 16;

    /** One criterion. */
    public record Criterion(SortCriterion key, boolean reverse) {
    }

    private final List<Criterion> criteria;
    private final SearchProgram search;

    private SortProgram(List<Criterion> criteria, SearchProgram search) {
        this.criteria = List.copyOf(criteria);
        this.search = search;
    }

    /** Parses the arguments after the word SORT for a session that has not enabled UTF-8. */
    public static SortProgram parse(List<ImapArg> args) throws SearchSyntaxException {
        return parse(args, false);
    }

    /** Parses the arguments after the word SORT; {@code utf8Only} as for {@link SearchProgram#parse}. */
    public static SortProgram parse(List<ImapArg> args, boolean utf8Only) throws SearchSyntaxException {
        if (args.isEmpty() || !(args.get(0) instanceof ImapArg.ListArg list)) {
            throw new SearchSyntaxException("SORT needs a parenthesised list of sort criteria");
        }
        List<Criterion> criteria = criteria(list);
        if (args.size() < 2) {
            throw new SearchSyntaxException("SORT needs a charset");
        }
        SearchProgram.checkCharset(args.get(1), utf8Only, true);
        SearchKey keys = SearchParser.parseKeys(args, 2);
        return new SortProgram(criteria, new SearchProgram(keys, EnumSet.of(ReturnOption.ALL), false));
    }

    private static List<Criterion> criteria(ImapArg.ListArg list) throws SearchSyntaxException {
        List<Criterion> criteria = new ArrayList<>();
        boolean reverse = false;
        for (ImapArg item : list.items()) {
            if (!(item instanceof ImapArg.Atom a)) {
                throw new SearchSyntaxException("sort criteria are atoms");
            }
            if (a.is("REVERSE")) {
                if (reverse) {
                    throw new SearchSyntaxException("REVERSE REVERSE is not a sort criterion");
                }
                reverse = true;
                continue;
            }
            SortCriterion key;
            try {
                key = SortCriterion.valueOf(a.value().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new SearchSyntaxException("unknown sort criterion: " + SearchParser.printable(a.value()));
            }
            if (criteria.size() == MAX_CRITERIA) {
                throw new SearchSyntaxException("too many sort criteria (more than " + MAX_CRITERIA + ")");
            }
            criteria.add(new Criterion(key, reverse));
            reverse = false;
        }
        if (reverse) {
            throw new SearchSyntaxException("REVERSE needs a sort criterion after it");
        }
        if (criteria.isEmpty()) {
            throw new SearchSyntaxException("SORT needs at least one sort criterion");
        }
        return criteria;
    }

    public List<Criterion> criteria() {
        return criteria;
    }

    /** The search that selects the messages to sort. */
    public SearchProgram search() {
        return search;
    }

    /** Always: every criterion reads the stored description. */
    public boolean needsDescription() {
        return true;
    }

    public boolean needsHeader() {
        return search.needsHeader();
    }

    public boolean needsBody() {
        return search.needsBody();
    }

    /**
     * Sorts the messages the search matched.
     *
     * @param matched the messages, each with its description
     * @param uid     whether to return UIDs (UID SORT) rather than sequence numbers
     * @return the numbers in sorted order
     */
    public long[] sort(List<SearchCandidate> matched, boolean uid) {
        List<Keys> keyed = new ArrayList<>(matched.size());
        for (SearchCandidate c : matched) {
            keyed.add(new Keys(c, criteria));
        }
        Comparator<Keys> order = null;
        for (int i = 0; i < criteria.size(); i++) {
            Comparator<Keys> one = comparator(i, criteria.get(i).key());
            if (criteria.get(i).reverse()) {
                one = one.reversed();
            }
            order = order == null ? one : order.thenComparing(one);
        }
        keyed.sort(order.thenComparingInt(k -> k.candidate.seq()));
        long[] out = new long[keyed.size()];
        for (int i = 0; i < out.length; i++) {
            SearchCandidate c = keyed.get(i).candidate;
            out[i] = uid ? c.uid() : c.seq();
        }
        return out;
    }

    private static Comparator<Keys> comparator(int index, SortCriterion key) {
        return switch (key) {
            case ARRIVAL, DATE -> Comparator.comparing(k -> (Instant) k.values[index]);
            case SIZE -> Comparator.comparingLong(k -> (Long) k.values[index]);
            default -> Comparator.comparing(k -> (String) k.values[index]);
        };
    }

    /** One message's sort values, computed once rather than at every comparison. */
    private static final class Keys {
        final SearchCandidate candidate;
        final Object[] values;

        Keys(SearchCandidate candidate, List<Criterion> criteria) {
            this.candidate = candidate;
            this.values = new Object[criteria.size()];
            MessageView view = new MessageView(candidate, null);
            for (int i = 0; i < values.length; i++) {
                values[i] = value(view, criteria.get(i).key());
            }
        }

        private static Object value(MessageView m, SortCriterion key) {
            ImapEnvelope e = key == SortCriterion.ARRIVAL || key == SortCriterion.SIZE ? null : m.envelope();
            return switch (key) {
                case ARRIVAL -> m.description().internalDate();
                case SIZE -> m.description().size();
                case DATE -> sentInstant(m);
                case SUBJECT -> e == null ? "" : BaseSubject.of(e.subject()).key();
                case FROM -> e == null ? "" : mailbox(e.from());
                case TO -> e == null ? "" : mailbox(e.to());
                case CC -> e == null ? "" : mailbox(e.cc());
                case DISPLAYFROM -> e == null ? "" : display(e.from());
                case DISPLAYTO -> e == null ? "" : display(e.to());
            };
        }
    }

    /** The sent date in UTC, or the internal date when the Date header is missing or broken (RFC 5256). */
    static Instant sentInstant(MessageView m) {
        MessageDate sent = m.sentDate();
        return sent != null ? sent.instant() : m.description().internalDate();
    }

    private static String mailbox(List<ImapEnvelope.Address> addresses) {
        if (addresses.isEmpty() || addresses.get(0).mailbox() == null) {
            return "";
        }
        return BaseSubject.asciiUpper(addresses.get(0).mailbox());
    }

    private static String display(List<ImapEnvelope.Address> addresses) {
        if (addresses.isEmpty()) {
            return "";
        }
        ImapEnvelope.Address a = addresses.get(0);
        String name = a.displayName();
        // RFC 5957 section 3: the decoded name if not empty, else mailbox@host, else the mailbox
        return BaseSubject.asciiUpper(name == null || name.isEmpty() ? a.addrSpec() : name);
    }
}
