package org.postilion.connector.smtp;

import org.postilion.connector.spi.MailAddress;

import java.net.IDN;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the argument of {@code MAIL FROM:} and {@code RCPT TO:} (RFC 5321 section 4.1.2):
 * <pre>
 *   Path           = "&lt;" [ A-d-l ":" ] Mailbox "&gt;"
 *   Mailbox        = Local-part "@" ( Domain / address-literal )
 *   Local-part     = Dot-string / Quoted-string
 *   Mail-parameters = esmtp-param *(SP esmtp-param)     esmtp-param = esmtp-keyword ["=" esmtp-value]
 * </pre>
 *
 * <p>Pure. A source route ({@code @relay.example:user@example.com}) is accepted and ignored, as section 4.1.2
 * says. Leniency where Postfix is lenient and clients depend on it: a space after the colon, and a path
 * without angle brackets. Nothing else: an address must have a domain, sub-domains must not be empty (so a
 * trailing dot is an error), and non-ASCII is accepted only where {@code allowUtf8} (RFC 6531); internationalized
 * domains come out as A-labels.
 *
 * <p>LIMITS: local part 64 octets, domain 255, path 256 (RFC 5321 section 4.5.3.1).
 */
public final class PathParser {

    public static final int MAX_LOCAL_PART = 64;
    public static final int MAX_DOMAIN = 255;
    public static final int MAX_PATH = 256;

    /** Why an argument is refused. */
    public static final class PathSyntaxException extends Exception {
        private final boolean inParameters;

        PathSyntaxException(String message, boolean inParameters) {
            super(message);
            this.inParameters = inParameters;
        }

        /** Whether the path was good and a parameter was malformed. */
        public boolean inParameters() {
            return inParameters;
        }
    }

    private final String s;
    private final boolean allowUtf8;
    private int pos;

    private PathParser(String s, boolean allowUtf8) {
        this.s = s;
        this.allowUtf8 = allowUtf8;
    }

    /**
     * Parses what follows the keyword and its colon ({@code FROM:} or {@code TO:}).
     *
     * @param nullPathAllowed whether {@code <>} is acceptable (MAIL yes, RCPT no)
     */
    public static PathArgument parse(String afterColon, boolean nullPathAllowed, boolean allowUtf8)
            throws PathSyntaxException {
        PathParser p = new PathParser(afterColon, allowUtf8);
        return p.argument(nullPathAllowed);
    }

    /** Parses a bare mailbox, {@code local@domain}, as the whole string. */
    public static MailAddress parseMailbox(String mailbox, boolean allowUtf8) throws PathSyntaxException {
        PathParser p = new PathParser(mailbox, allowUtf8);
        MailAddress a = p.mailbox();
        if (p.pos != mailbox.length()) {
            throw p.error("unexpected characters after the address");
        }
        return a;
    }

    private PathArgument argument(boolean nullPathAllowed) throws PathSyntaxException {
        while (pos < s.length() && s.charAt(pos) == ' ') {
            pos++;
        }
        MailAddress address;
        int pathStart = pos;
        if (peek() == '<') {
            pos++;
            if (peek() == '>') {
                pos++;
                if (!nullPathAllowed) {
                    throw error("the null path is not allowed here");
                }
                address = null;
            } else {
                if (peek() == '@') {
                    sourceRoute();
                }
                address = mailbox();
                expect('>');
            }
        } else {
            // Postfix accepts a path without brackets; so do clients that never learned otherwise
            address = mailbox();
        }
        if (pos - pathStart > MAX_PATH) {
            throw error("path too long");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        while (pos < s.length()) {
            if (s.charAt(pos) != ' ') {
                throw error("expected a space before parameters");
            }
            while (pos < s.length() && s.charAt(pos) == ' ') {
                pos++;
            }
            if (pos < s.length()) {
                parameter(parameters);
            }
        }
        return new PathArgument(address, parameters);
    }

    /** A-d-l ":" — parsed for syntax, then forgotten. */
    private void sourceRoute() throws PathSyntaxException {
        do {
            expect('@');
            domain();
        } while (consume(','));
        expect(':');
    }

    private MailAddress mailbox() throws PathSyntaxException {
        String local = peek() == '"' ? quotedString() : dotString();
        if (local.length() > MAX_LOCAL_PART) {
            throw error("local part too long");
        }
        if (!consume('@')) {
            throw error("an address needs a domain");
        }
        String domain = peek() == '[' ? addressLiteral() : domain();
        if (domain.length() > MAX_DOMAIN) {
            throw error("domain too long");
        }
        return new MailAddress(local, domain);
    }

    private String dotString() throws PathSyntaxException {
        int start = pos;
        while (true) {
            int atomStart = pos;
            while (pos < s.length() && isAtext(s.charAt(pos))) {
                pos++;
            }
            if (pos == atomStart) {
                throw error("bad local part");
            }
            if (!consume('.')) {
                return s.substring(start, pos);
            }
        }
    }

    private String quotedString() throws PathSyntaxException {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= s.length()) {
                throw error("unterminated quoted string");
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                if (pos >= s.length()) {
                    throw error("unterminated quoted pair");
                }
                c = s.charAt(pos++);
                if (c < 32 || c == 127 || (c > 127 && !allowUtf8)) {
                    throw error("bad quoted pair");
                }
            } else if (c < 32 || c == 127 || (c > 127 && !allowUtf8)) {
                throw error("bad character in quoted string");
            }
            b.append(c);
        }
    }

    /**
     * A domain name; with SMTPUTF8, labels may be U-labels (RFC 6531 section 3.3), which are converted to
     * A-labels (IDNA), so that a domain has one spelling wherever it is looked up.
     */
    private String domain() throws PathSyntaxException {
        int start = pos;
        boolean unicode = false;
        do {
            int labelStart = pos;
            while (pos < s.length() && (isLdh(s.charAt(pos)) || (allowUtf8 && s.charAt(pos) > 127))) {
                unicode |= s.charAt(pos) > 127;
                pos++;
            }
            if (pos == labelStart || s.charAt(labelStart) == '-' || s.charAt(pos - 1) == '-') {
                throw error("bad domain");
            }
            if (pos - labelStart > 63) {
                throw error("domain label too long");
            }
        } while (consume('.'));
        String domain = s.substring(start, pos);
        if (!unicode) {
            return domain;
        }
        try {
            return IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw error("bad internationalized domain");
        }
    }

    /** "[" IPv4 / "IPv6:" IPv6 / tag ":" dcontent "]", syntax only. */
    private String addressLiteral() throws PathSyntaxException {
        int start = pos;
        expect('[');
        int close = s.indexOf(']', pos);
        if (close < 0) {
            throw error("unterminated address literal");
        }
        String inner = s.substring(pos, close);
        if (!isIpv4(inner) && !isTaggedLiteral(inner)) {
            throw error("bad address literal");
        }
        pos = close + 1;
        return s.substring(start, pos);
    }

    private static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTaggedLiteral(String s) {
        int colon = s.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String tag = s.substring(0, colon);
        String content = s.substring(colon + 1);
        if (!tag.chars().allMatch(c -> isLdh((char) c)) || content.isEmpty()) {
            return false;
        }
        if (tag.equalsIgnoreCase("IPv6")) {
            return content.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)
                    && content.contains(":");
        }
        return content.chars().allMatch(c -> c >= 33 && c <= 126 && c != '[' && c != ']' && c != '\\');
    }

    private void parameter(Map<String, String> into) throws PathSyntaxException {
        int start = pos;
        while (pos < s.length() && (isLdh(s.charAt(pos)))) {
            pos++;
        }
        if (pos == start || s.charAt(start) == '-') {
            throw paramError("bad parameter keyword");
        }
        String keyword = s.substring(start, pos).toUpperCase(Locale.ROOT);
        String value = null;
        if (consume('=')) {
            int vStart = pos;
            while (pos < s.length() && s.charAt(pos) != ' ' && s.charAt(pos) != '=') {
                char c = s.charAt(pos);
                if (c < 33 || c == 127 || (c > 127 && !allowUtf8)) {
                    throw paramError("bad parameter value");
                }
                pos++;
            }
            if (pos == vStart) {
                throw paramError("empty parameter value");
            }
            value = s.substring(vStart, pos);
        }
        if (pos < s.length() && s.charAt(pos) != ' ') {
            throw paramError("bad parameter");
        }
        if (into.containsKey(keyword)) {
            throw paramError("duplicate parameter " + keyword);
        }
        into.put(keyword, value);
    }

    /** atext of RFC 5322 section 3.2.3; non-ASCII only with SMTPUTF8 (RFC 6531). */
    private boolean isAtext(char c) {
        if (c > 127) {
            return allowUtf8;
        }
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    private static boolean isLdh(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    }

    private char peek() {
        return pos < s.length() ? s.charAt(pos) : 0;
    }

    private boolean consume(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws PathSyntaxException {
        if (!consume(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private PathSyntaxException error(String message) {
        return new PathSyntaxException(message + " at " + pos, false);
    }

    private PathSyntaxException paramError(String message) {
        return new PathSyntaxException(message, true);
    }
}
