package org.postilion.mailbox.structure;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses an address field (From, To, ...) into the four parts the ENVELOPE shows of each address.
 *
 * <p>STANDARDS: RFC 5322 section 3.4 (address, group, mailbox, angle-addr, obsolete route), RFC 9051 section
 * 7.5.2 (ENVELOPE address structure, group start {@code (NIL NIL "group" NIL)} and end {@code (NIL NIL NIL NIL)}).
 *
 * <p>The grammar is walked the way Dovecot's {@code message-address.c} walks it, so that broken fields (which
 * spam is full of) give the same addresses as Dovecot, not merely valid ones:
 * <ul>
 * <li>display names are kept raw (RFC 2047 encoded-words are NOT decoded: IMAP returns them as they are), quoted
 *     strings unquoted, words of a phrase joined by one space;</li>
 * <li>a bare {@code addr-spec} takes its last comment as name ({@code a@b (Ann)}); a bare word followed by more
 *     words is a display name without address ({@code user more words});</li>
 * <li>a missing local part is {@code MISSING_MAILBOX}, a missing domain {@code MISSING_DOMAIN}; an angle address
 *     left open has domain {@code SYNTAX_ERROR}; a route that does not end in a colon is {@code INVALID_ROUTE};</li>
 * <li>parsing stops at the first element not followed by a comma (what was read so far is kept); an empty element
 *     between two commas is an address with neither part.</li>
 * </ul>
 *
 * <p>SECURITY: every loop consumes input or stops, nothing recurses, and at most {@link #ADDRESS_LIMIT} addresses
 * (group markers included) are returned.
 */
final class AddressParser {

    /** One address of the ENVELOPE; all four null for the end of a group. */
    record Address(String name, String route, String mailbox, String domain) {

        static final Address GROUP_END = new Address(null, null, null, null);

        static Address groupStart(String name) {
            return new Address(null, null, name, null);
        }
    }

    /** The most addresses (group markers included) kept of one field. */
    static final int ADDRESS_LIMIT = 1000;

    static final String MISSING_MAILBOX = "MISSING_MAILBOX";
    static final String MISSING_DOMAIN = "MISSING_DOMAIN";
    static final String SYNTAX_ERROR = "SYNTAX_ERROR";
    static final String INVALID_ROUTE = "INVALID_ROUTE";

    /** The result codes of the steps below, as the grammar walk needs them. */
    private static final int FAILED = -1;
    private static final int END = 0;
    private static final int MORE = 1;

    private final Rfc822Lexer lexer;
    private final List<Address> out = new ArrayList<>();

    // the address being read
    private String name;
    private String route;
    private String mailbox;
    private String domain;

    private AddressParser(String value) {
        this.lexer = new Rfc822Lexer(value);
    }

    /** The addresses of one field value; empty when it holds none. */
    static List<Address> parse(String value) {
        AddressParser parser = new AddressParser(value);
        if (parser.lexer.lwsp() > 0) {
            parser.list();
        }
        return parser.out;
    }

    private boolean full() {
        return out.size() >= ADDRESS_LIMIT;
    }

    /** {@code address *("," address)}. */
    private void list() {
        while (!full()) {
            if (address() == END || lexer.peek() != ',') {
                return;
            }
            lexer.skip();
            int r = lexer.lwsp();
            if (r <= END) {
                if (r < END) {
                    addFilledIn();
                }
                return;
            }
        }
    }

    /** {@code mailbox / group}. */
    private int address() {
        int start = lexer.mark();
        int r = group();
        if (r < END) {
            lexer.reset(start);
            r = mailbox();
        }
        return r;
    }

    /** {@code display-name ":" [mailbox-list] ";"}; FAILED (nothing added) when it is not a group. */
    private int group() {
        StringBuilder groupName = new StringBuilder();
        if (phrase(groupName) <= END || lexer.peek() != ':') {
            return FAILED;
        }
        lexer.skip();
        int r = lexer.lwsp();
        out.add(Address.groupStart(groupName.toString()));
        if (r > END && lexer.peek() != ';') {
            while (!full()) {
                // a broken mailbox followed by a comma does not end the group (Dovecot 2.3 reads on)
                int m = mailbox();
                if (lexer.atEnd() || lexer.peek() != ',') {
                    if (m <= END) {
                        r = FAILED;
                    }
                    break;
                }
                lexer.skip();
                if (lexer.lwsp() <= END) {
                    r = FAILED;
                    break;
                }
            }
        }
        if (r >= END) {
            if (lexer.peek() != ';') {
                r = FAILED;
            } else {
                lexer.skip();
                r = lexer.lwsp();
            }
        }
        out.add(Address.GROUP_END);
        return r == END ? END : MORE;
    }

    /** {@code name-addr / addr-spec}; always adds one address. */
    private int mailbox() {
        int start = lexer.mark();
        clear();
        int r = nameAddr();
        if (r < END) {
            lexer.reset(start);
            clear();
            r = addrSpec();
        }
        addFilledIn();
        return r;
    }

    /** {@code [display-name] angle-addr}. */
    private int nameAddr() {
        StringBuilder phrase = new StringBuilder();
        if (phrase(phrase) <= END || lexer.peek() != '<') {
            return FAILED;
        }
        name = phrase.isEmpty() ? null : phrase.toString();
        if (angleAddr() < END) {
            domain = SYNTAX_ERROR;
        }
        return lexer.atEnd() ? END : MORE;
    }

    /**
     * {@code "<" ["@" route ":"] local-part ["@" domain] ">"}, and {@code <>}. A route without its colon is
     * {@code INVALID_ROUTE} and the rest is read anyway; any other fault, the value ending before the {@code >}
     * included, fails.
     */
    private int angleAddr() {
        lexer.skip();
        if (lexer.lwsp() <= END) {
            return FAILED;
        }
        if (lexer.peek() == '@') {
            StringBuilder domains = new StringBuilder();
            if (domainList(domains) > END && lexer.peek() == ':') {
                route = domains.toString();
                lexer.skip();
            } else {
                route = INVALID_ROUTE;
                if (lexer.atEnd()) {
                    return FAILED;
                }
            }
            if (lexer.lwsp() <= END) {
                return FAILED;
            }
        }
        if (lexer.peek() != '>') {
            if (localPart() <= END) {
                return FAILED;
            }
            if (lexer.peek() == '@' && domainPart() <= END) {
                return FAILED;
            }
        }
        if (lexer.peek() != '>') {
            return FAILED;
        }
        lexer.skip();
        return lexer.lwsp();
    }

    /** The obsolete route {@code @a,@b} (without its colon). */
    private int domainList(StringBuilder domains) {
        while (true) {
            if (lexer.atEnd()) {
                return END;
            }
            if (lexer.peek() != '@') {
                return MORE;
            }
            if (!domains.isEmpty()) {
                domains.append(',');
            }
            domains.append('@');
            int r = domain(domains);
            if (r <= END) {
                return r;
            }
            while (lexer.lwsp() > END && lexer.peek() == ',') {
                lexer.skip();
            }
        }
    }

    /**
     * {@code local-part ["@" domain]}, the last comment being the name. A local part followed by more words is
     * not an address but a display name without one ({@code Ann Smith}, {@code "q" ;}).
     */
    private int addrSpec() {
        lexer.forgetComment();
        boolean quoted = lexer.peek() == '"';
        int r = localPart();
        boolean domainTried = false;
        if (r != END && !lexer.atEnd() && lexer.peek() == '@') {
            domainTried = true;
            int r2 = domainPart();
            if (r2 <= END) {
                r = r2;
            }
        }
        if (!lexer.lastComment().isEmpty()) {
            name = lexer.lastComment();
        } else if (!domainTried && (r > END || (r == END && quoted))) {
            StringBuilder words = new StringBuilder(mailbox).append(' ');
            int length = words.length();
            phrase(words);
            if (words.length() != length) {
                name = words.toString();
                mailbox = null;
            } else if (quoted) {
                name = mailbox;
                mailbox = null;
            }
            r = FAILED;
        }
        return r;
    }

    private int localPart() {
        StringBuilder local = new StringBuilder();
        int r = lexer.peek() == '"' ? quotedString(local) : dotAtom(local);
        if (r < END) {
            return FAILED;
        }
        mailbox = local.toString();
        return r;
    }

    private int domainPart() {
        StringBuilder d = new StringBuilder();
        int r = domain(d);
        if (r < END) {
            return FAILED;
        }
        domain = d.toString();
        return r;
    }

    // ------------------------------------------------------------------ RFC 5322 lexical pieces

    /** At {@code @}: a dot-atom or a domain literal after it. */
    private int domain(StringBuilder out) {
        lexer.skip();
        if (lexer.lwsp() <= END) {
            return FAILED;
        }
        if (lexer.peek() == '[') {
            String literal = lexer.domainLiteral();
            if (!literal.endsWith("]")) {
                return FAILED;
            }
            out.append(literal);
            return lexer.lwsp();
        }
        return dotAtom(out);
    }

    /** {@code 1*atext *("." 1*atext)}, white space and comments allowed around the dots. */
    private int dotAtom(StringBuilder out) {
        if (!Rfc822Lexer.isAtext(lexer.peek())) {
            return FAILED;
        }
        while (true) {
            out.append(lexer.atom(false));
            int r = lexer.lwsp();
            if (r <= END) {
                return r;
            }
            if (lexer.peek() != '.') {
                return MORE;
            }
            lexer.skip();
            out.append('.');
            if (lexer.lwsp() <= END || !Rfc822Lexer.isAtext(lexer.peek())) {
                // a dot must be followed by an atom: "list@example." has no domain
                return FAILED;
            }
        }
    }

    private int quotedString(StringBuilder out) {
        String content = lexer.quoted();
        if (content == null) {
            return FAILED;
        }
        out.append(content);
        return lexer.lwsp();
    }

    /** {@code 1*word / obs-phrase}: words (atoms with their dots, quoted strings) joined by one space. */
    private int phrase(StringBuilder out) {
        if (lexer.atEnd()) {
            return END;
        }
        if (lexer.peek() == '.') {
            return FAILED;
        }
        while (true) {
            int r;
            if (lexer.peek() == '"') {
                r = quotedString(out);
            } else {
                out.append(lexer.atom(true));
                r = lexer.lwsp();
            }
            if (r <= END) {
                return r;
            }
            int c = lexer.peek();
            if (!Rfc822Lexer.isAtext(c) && c != '"' && c != '.') {
                return MORE;
            }
            out.append(' ');
        }
    }

    // ------------------------------------------------------------------ the address being read

    private void clear() {
        name = null;
        route = null;
        mailbox = null;
        domain = null;
    }

    private void addFilledIn() {
        if (full()) {
            return;
        }
        out.add(new Address(name, route, mailbox == null ? MISSING_MAILBOX : mailbox,
                domain == null ? MISSING_DOMAIN : domain));
        clear();
    }
}
