package org.postilion.mailbox.structure;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses an address field (From, To, ...) into the four parts the ENVELOPE shows of each address.
 *
 * <p>STANDARDS: RFC 5322 section 3.4 (address, group, mailbox, angle-addr, obsolete route), RFC 9051 section
 * 7.5.2 (ENVELOPE address structure, group start {@code (NIL NIL "group" NIL)} and end {@code (NIL NIL NIL NIL)}).
 *
 * <p>As Dovecot's {@code message-address.c}: display names are kept raw (RFC 2047 encoded-words are NOT decoded:
 * IMAP returns them as they are), quoted strings are unquoted, words of a phrase are joined by one space; a comment
 * after an address that has no display name becomes its name ({@code a@b (Ann)}); a missing local part is
 * {@code MISSING_MAILBOX} and a missing domain {@code MISSING_DOMAIN}, so that an address always has both.
 *
 * <p>SECURITY: lenient and bounded: garbage up to the next comma is skipped, every loop consumes input, and at
 * most {@link #ADDRESS_LIMIT} addresses are returned.
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

    private final Rfc822Lexer lexer;
    private final List<Address> out = new ArrayList<>();

    private AddressParser(String value) {
        this.lexer = new Rfc822Lexer(value);
    }

    /** The addresses of a field value; empty when it holds none. */
    static List<Address> parse(String value) {
        AddressParser parser = new AddressParser(value);
        parser.list();
        return parser.out;
    }

    private void list() {
        boolean first = true;
        while (out.size() < ADDRESS_LIMIT) {
            lexer.skipCfws();
            int c = lexer.peek();
            if (c < 0) {
                return;
            }
            if (!first && c == ',') {
                // an empty element between two commas: Dovecot shows it as a missing address
                add(null, null, new String[2]);
                lexer.skip();
                continue;
            }
            first = false;
            int start = lexer.mark();
            String phrase = phrase();
            lexer.skipCfws();
            if (lexer.peek() == ':') {
                lexer.skip();
                group(phrase);
            } else {
                lexer.reset(start);
                if (!mailbox()) {
                    add(null, null, new String[2]);
                }
            }
            next(start);
        }
    }

    /** After the group's colon: its mailboxes up to the semicolon. */
    private void group(String name) {
        out.add(Address.groupStart(name));
        while (out.size() < ADDRESS_LIMIT - 1) {
            lexer.skipCfws();
            int c = lexer.peek();
            if (c < 0) {
                break;
            }
            if (c == ';') {
                lexer.skip();
                break;
            }
            if (c == ',' || c == ':' || c == '>') {
                lexer.skip();
                continue;
            }
            int start = lexer.mark();
            if (!mailbox()) {
                add(null, null, new String[2]);
            }
            lexer.skipCfws();
            if (lexer.peek() != ',' && lexer.peek() != ';') {
                lexer.skipToAny(",;");
            }
            if (lexer.mark() == start) {
                lexer.skip();
            }
        }
        out.add(Address.GROUP_END);
    }

    /** {@code [phrase] <[route:]addr-spec>} or {@code addr-spec [(comment)]}; false when nothing was there. */
    private boolean mailbox() {
        int start = lexer.mark();
        String phrase = phrase();
        lexer.skipCfws();
        if (lexer.peek() == '<') {
            lexer.skip();
            String route = route();
            String[] spec = addrSpec();
            lexer.skipCfws();
            if (lexer.peek() == '>') {
                lexer.skip();
            }
            lexer.skipCfws();
            add(phrase.isEmpty() ? null : phrase, route, spec);
            return true;
        }
        lexer.reset(start);
        lexer.skipCfws();
        int specStart = lexer.mark();
        String[] spec = addrSpec();
        if (lexer.mark() == specStart) {
            return false;
        }
        String comment = lexer.skipCfws();
        add(comment, null, spec);
        return true;
    }

    private void add(String name, String route, String[] spec) {
        String mailbox = spec[0] == null || spec[0].isEmpty() ? MISSING_MAILBOX : spec[0];
        String domain = spec[1] == null || spec[1].isEmpty() ? MISSING_DOMAIN : spec[1];
        out.add(new Address(name, route, mailbox, domain));
    }

    /** Words (atoms with their dots, quoted strings) joined by one space; "" when none. */
    private String phrase() {
        StringBuilder out = new StringBuilder();
        while (true) {
            lexer.skipCfws();
            String word;
            if (lexer.peek() == '"') {
                word = lexer.quoted();
            } else {
                word = lexer.atom(true);
                if (word.isEmpty()) {
                    return out.toString();
                }
            }
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(word);
        }
    }

    /** The obsolete route {@code @a,@b:} inside angle brackets, without its colon; null when there is none. */
    private String route() {
        lexer.skipCfws();
        if (lexer.peek() != '@') {
            return null;
        }
        int start = lexer.mark();
        StringBuilder route = new StringBuilder();
        while (lexer.peek() == '@') {
            lexer.skip();
            if (!route.isEmpty()) {
                route.append(',');
            }
            route.append('@').append(domain());
            lexer.skipCfws();
            while (lexer.peek() == ',') {
                lexer.skip();
                lexer.skipCfws();
            }
        }
        if (lexer.peek() == ':') {
            lexer.skip();
            return route.toString();
        }
        // "<@domain>": not a route but an address with no local part
        lexer.reset(start);
        return null;
    }

    /**
     * {@code local-part ["@" domain]}: the two as written, unquoted; either may be null. White space and comments
     * after the last word are left for the caller: a comment there is the address's name.
     */
    private String[] addrSpec() {
        StringBuilder local = new StringBuilder();
        while (true) {
            lexer.skipCfws();
            if (lexer.peek() == '"') {
                local.append(lexer.quoted());
            } else {
                String atom = lexer.atom(false);
                if (atom.isEmpty()) {
                    break;
                }
                local.append(atom);
            }
            int mark = lexer.mark();
            lexer.skipCfws();
            if (lexer.peek() != '.') {
                lexer.reset(mark);
                break;
            }
            lexer.skip();
            local.append('.');
        }
        int mark = lexer.mark();
        lexer.skipCfws();
        String domain = null;
        if (lexer.peek() == '@') {
            lexer.skip();
            domain = domain();
        } else {
            lexer.reset(mark);
        }
        return new String[] {local.isEmpty() ? null : local.toString(), domain};
    }

    /** A dot-atom or a domain literal; "" when none. Leaves what follows its last atom unread. */
    private String domain() {
        lexer.skipCfws();
        if (lexer.peek() == '[') {
            return lexer.domainLiteral();
        }
        StringBuilder domain = new StringBuilder();
        while (true) {
            String atom = lexer.atom(false);
            if (atom.isEmpty()) {
                break;
            }
            domain.append(atom);
            int mark = lexer.mark();
            lexer.skipCfws();
            if (lexer.peek() != '.') {
                lexer.reset(mark);
                break;
            }
            lexer.skip();
            domain.append('.');
            lexer.skipCfws();
        }
        return domain.toString();
    }

    /** Skips what is left of an element and its comma; guarantees progress. */
    private void next(int start) {
        lexer.skipCfws();
        if (lexer.peek() != ',' && lexer.peek() >= 0) {
            lexer.skipToAny(",");
        }
        if (lexer.peek() == ',' || lexer.mark() == start) {
            lexer.skip();
        }
    }
}
