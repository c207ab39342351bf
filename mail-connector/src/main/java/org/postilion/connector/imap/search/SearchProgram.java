package org.postilion.connector.imap.search;

import org.postilion.connector.imap.decode.ImapArg;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The arguments of SEARCH and UID SEARCH, parsed once and then tested against each message:
 * <pre>
 *   search         = "SEARCH" [search-return-opts] SP search-program
 *   search-return-opts = SP "RETURN" SP "(" [search-return-opt *(SP search-return-opt)] ")"
 *   search-program = ["CHARSET" SP charset SP] search-key *(SP search-key)
 * </pre>
 *
 * <p>CHARSET: UTF-8 and US-ASCII are the charsets RFC 9051 requires and the only ones searched in (strings are
 * compared as Unicode text, so US-ASCII is UTF-8's subset). Before IMAP4rev2 or UTF8=ACCEPT is enabled any other
 * charset is {@code NO [BADCHARSET (UTF-8)]} ({@link SearchSyntaxException#isBadCharset()}); after, a client
 * labelling its strings with a charset other than UTF-8 contradicts what it enabled, which RFC 6855 (erratum
 * 4029) answers with {@code BAD}. US-ASCII stays accepted then: RFC 9051 section 6.4.4 requires it, and an
 * ASCII string is UTF-8.
 *
 * <p>The RFC 3501 keys IMAP4rev2 dropped (NEW, OLD, RECENT) are accepted whatever was enabled. RECENT finds the
 * messages the session claimed as {@code \Recent} ({@link SearchContext#recentUids()}); in an IMAP4rev2 session,
 * or one that EXAMINEd the mailbox, no message is, so they find nothing (NEW, RECENT) or everything (OLD).
 *
 * <p>Result options (RFC 4731, RFC 5182): {@code RETURN ()} means {@code RETURN (ALL)}; without a RETURN clause
 * {@link #returnOptions()} is also {ALL}, which is what an IMAP4rev2 session answers with ESEARCH, while an
 * IMAP4rev1 session answers {@code * SEARCH} when {@link #hasReturnClause()} is false.
 *
 * <p>SECURITY: every bound below is checked while parsing, before any message is touched; recursion during
 * parsing and matching is bounded by the nesting depth.
 *
 * <p>STANDARDS: RFC 9051 section 6.4.4 (SEARCH), RFC 3501 section 6.4.4 (NEW, OLD, RECENT), RFC 4731 (ESEARCH),
 * RFC 5182 (SEARCHRES), RFC 7162 section 3.1.5 (MODSEQ search key), RFC 6855 section 3 (charset with UTF-8).
 *
 * <p>LIMITS:
 * <ul>
 *   <li>nesting of NOT, OR and parentheses: {@value #MAX_DEPTH} levels (Thunderbird's left-deep {@code OR} chains
 *       of a multi-term quick filter stay well below it)</li>
 *   <li>search keys per command: {@value #MAX_KEYS}</li>
 *   <li>one search string: {@value #MAX_STRING} octets</li>
 * </ul>
 */
public final class SearchProgram {

    public static final int MAX_DEPTH = 64;
    public static final int MAX_KEYS = 1000;
    public static final int MAX_STRING = 8192;

    private final SearchKey root;
    private final Set<ReturnOption> returnOptions;
    private final boolean hasReturnClause;
    private final boolean needsDescription;
    private final boolean needsHeader;
    private final boolean needsBody;
    private final boolean usesSavedResult;
    private final boolean hasModseq;

    SearchProgram(SearchKey root, Set<ReturnOption> returnOptions, boolean hasReturnClause) {
        this.root = root;
        this.returnOptions = Collections.unmodifiableSet(EnumSet.copyOf(returnOptions));
        this.hasReturnClause = hasReturnClause;
        Summary s = new Summary();
        s.visit(root);
        this.needsDescription = s.description || s.content;
        this.needsHeader = s.header;
        this.needsBody = s.content;
        this.usesSavedResult = s.saved;
        this.hasModseq = s.modseq;
    }

    /**
     * Parses the arguments after the word SEARCH.
     *
     * @param utf8Only whether the client enabled IMAP4rev2 or UTF8=ACCEPT
     */
    public static SearchProgram parse(List<ImapArg> args, boolean utf8Only) throws SearchSyntaxException {
        int i = 0;
        Set<ReturnOption> options = EnumSet.of(ReturnOption.ALL);
        boolean hasReturn = false;
        if (!args.isEmpty() && args.get(0) instanceof ImapArg.Atom a && a.is("RETURN")) {
            if (args.size() < 2 || !(args.get(1) instanceof ImapArg.ListArg list)) {
                throw new SearchSyntaxException("RETURN needs a parenthesised list of result options");
            }
            options = returnOptions(list);
            hasReturn = true;
            i = 2;
        }
        if (i < args.size() && args.get(i) instanceof ImapArg.Atom a && a.is("CHARSET")) {
            if (i + 1 >= args.size()) {
                throw new SearchSyntaxException("CHARSET needs a charset name");
            }
            checkCharset(args.get(i + 1), utf8Only, false);
            i += 2;
        }
        return new SearchProgram(SearchParser.parseKeys(args, i), options, hasReturn);
    }

    private static Set<ReturnOption> returnOptions(ImapArg.ListArg list) throws SearchSyntaxException {
        Set<ReturnOption> options = EnumSet.noneOf(ReturnOption.class);
        for (ImapArg item : list.items()) {
            if (!(item instanceof ImapArg.Atom a)) {
                throw new SearchSyntaxException("RETURN options are atoms");
            }
            try {
                options.add(ReturnOption.valueOf(a.value().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new SearchSyntaxException("unknown RETURN option: " + SearchParser.printable(a.value()));
            }
        }
        if (options.isEmpty()) {
            options.add(ReturnOption.ALL); // RFC 4731 section 3.1: "RETURN ()" is "RETURN (ALL)"
        }
        return options;
    }

    /**
     * Checks a CHARSET argument (see the class comment).
     *
     * @param mandatory true for SORT and THREAD, whose charset is not optional: with UTF-8 enabled only UTF-8
     *                  (and its subset US-ASCII) is accepted
     */
    static void checkCharset(ImapArg arg, boolean utf8Only, boolean mandatory) throws SearchSyntaxException {
        String name = arg instanceof ImapArg.Atom || arg instanceof ImapArg.Str ? ImapArg.asString(arg) : null;
        if (name == null || name.isEmpty()) {
            throw new SearchSyntaxException("CHARSET needs a charset name");
        }
        if (name.equalsIgnoreCase("UTF-8") || name.equalsIgnoreCase("US-ASCII")) {
            return;
        }
        if (utf8Only) {
            throw new SearchSyntaxException("charset " + SearchParser.printable(name)
                    + " conflicts with UTF-8, which this session enabled" + (mandatory ? "; use UTF-8" : ""));
        }
        throw SearchSyntaxException.badCharset(SearchParser.printable(name));
    }

    /**
     * Whether the message matches.
     *
     * @throws IllegalStateException when the candidate lacks what {@link #needsDescription()},
     *                               {@link #needsHeader()} or {@link #needsBody()} asked for
     */
    public boolean matches(SearchCandidate candidate, SearchContext context) {
        return root.matches(new MessageView(candidate, context));
    }

    /** Whether a key reads the stored description: sizes, dates, FROM/TO/CC/BCC/SUBJECT (or BODY/TEXT). */
    public boolean needsDescription() {
        return needsDescription;
    }

    /** Whether a key reads header fields (HEADER); TEXT reads them from the content instead. */
    public boolean needsHeader() {
        return needsHeader;
    }

    /** Whether a key reads the content (BODY, TEXT); the description is then needed too, for the MIME parts. */
    public boolean needsBody() {
        return needsBody;
    }

    /** Whether {@code $} appears, so the session must have a saved result to give (RFC 5182). */
    public boolean usesSavedResult() {
        return usesSavedResult;
    }

    /** Whether a MODSEQ key appears, so the response carries {@code (MODSEQ n)} (RFC 7162 section 3.1.5). */
    public boolean hasModseq() {
        return hasModseq;
    }

    /** The result options; {ALL} when the command had no RETURN clause or an empty one. */
    public Set<ReturnOption> returnOptions() {
        return returnOptions;
    }

    public boolean hasReturnClause() {
        return hasReturnClause;
    }

    /**
     * What SAVE keeps of a result (RFC 5182 section 2.4): with MIN or MAX and neither ALL nor COUNT, only the
     * lowest and/or highest; otherwise all of it. Null when the program does not SAVE.
     *
     * @param ascendingUids the UIDs found, ascending
     */
    public long[] resultToSave(long[] ascendingUids) {
        if (!returnOptions.contains(ReturnOption.SAVE)) {
            return null;
        }
        boolean minMaxOnly = (returnOptions.contains(ReturnOption.MIN) || returnOptions.contains(ReturnOption.MAX))
                && !returnOptions.contains(ReturnOption.ALL) && !returnOptions.contains(ReturnOption.COUNT);
        if (!minMaxOnly || ascendingUids.length == 0) {
            return ascendingUids.clone();
        }
        long min = ascendingUids[0];
        long max = ascendingUids[ascendingUids.length - 1];
        boolean wantMin = returnOptions.contains(ReturnOption.MIN);
        boolean wantMax = returnOptions.contains(ReturnOption.MAX);
        if (wantMin && wantMax && min != max) {
            return new long[]{min, max};
        }
        return new long[]{wantMin ? min : max};
    }

    /** Walks the key tree once to learn what it reads. */
    private static final class Summary {
        boolean description;
        boolean header;
        boolean content;
        boolean saved;
        boolean modseq;

        void visit(SearchKey k) {
            switch (k.need()) {
                case DESCRIPTION -> description = true;
                case HEADER -> header = true;
                case CONTENT -> content = true;
                case NOTHING -> {
                }
            }
            if (k instanceof SearchKey.Numbers n && n.set().isSaved()) {
                saved = true;
            }
            if (k instanceof SearchKey.Modseq) {
                modseq = true;
            }
            for (SearchKey child : k.children()) {
                visit(child);
            }
        }
    }
}
