package org.postilion.connector.spi;

import java.util.Locale;
import java.util.Objects;

/**
 * An address of the SMTP envelope, {@code local-part@domain} (RFC 5321 section 4.1.2), already parsed.
 *
 * <p>The domain is kept in lower case without a trailing dot; the local part is kept as sent (without the
 * quotes of a quoted string), since only the receiving system may interpret it.
 *
 * @param localPart the local part, unquoted
 * @param domain    the domain name or address literal ({@code [192.0.2.1]}), lower case
 */
public record MailAddress(String localPart, String domain) {

    public MailAddress {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
        domain = domain.toLowerCase(Locale.ROOT);
    }

    /** Whether the domain is an address literal such as {@code [192.0.2.1]} rather than a name. */
    public boolean isAddressLiteral() {
        return domain.startsWith("[");
    }

    /** The address as it is written in a path: the local part quoted when it is not a dot-atom. */
    @Override
    public String toString() {
        return (isDotAtom(localPart) ? localPart : quote(localPart)) + "@" + domain;
    }

    static boolean isDotAtom(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && !isAtext(c)) {
                return false;
            }
        }
        return true;
    }

    /** atext of RFC 5322 section 3.2.3, plus any non-ASCII character (RFC 6531). */
    static boolean isAtext(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0 || c > 127;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }
}
