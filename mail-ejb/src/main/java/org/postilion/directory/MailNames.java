package org.postilion.directory;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one way names are written down here: domain names in lower-case ASCII (the A-label of an internationalized
 * name, RFC 5890, as the SMTP side turns {@code bücher.example} into {@code xn--bcher-kva.example}), and local
 * parts in lower case, Unicode NFC (RFC 6531 allows UTF-8 local parts; NFC makes two spellings of one name the
 * same, RFC 6532 section 3.1). Pure functions, for the directory and the API alike.
 *
 * <p>LIMITS: a domain of 253 characters at most, labels of 63; a local part of 64 characters at most.
 */
public final class MailNames {

    /** A host name: LDH labels of 1 to 63 characters, not starting or ending with a hyphen. */
    private static final Pattern DOMAIN = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    /**
     * A dot-atom local part: RFC 5322 atext, and any non-ASCII character but controls (RFC 6532's UTF8-non-ascii),
     * in lower case.
     */
    private static final Pattern LOCAL_PART = Pattern.compile(
            "(?=.{1,64}$)[a-z0-9!#$%&'*+/=?^_`{|}~\\-\\P{ASCII}&&[^\\p{Cc}\\p{Cf}\\p{Z}]]+"
                    + "(\\.[a-z0-9!#$%&'*+/=?^_`{|}~\\-\\P{ASCII}&&[^\\p{Cc}\\p{Cf}\\p{Z}]]+)*");

    private MailNames() {
    }

    /**
     * A domain name as stored: lower case, without a trailing dot, internationalized labels as A-labels.
     *
     * @throws DirectoryException INVALID when it is not a host name
     */
    public static String domain(String name) throws DirectoryException {
        if (name == null) {
            throw DirectoryException.invalid("a domain name is required");
        }
        String d = name.strip();
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(Normalizer.normalize(d, Normalizer.Form.NFC), IDN.USE_STD3_ASCII_RULES)
                    .toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw DirectoryException.invalid("not a domain name: " + name);
        }
        if (!DOMAIN.matcher(ascii).matches() || !validALabels(ascii)) {
            throw DirectoryException.invalid("not a domain name: " + name);
        }
        return ascii;
    }

    /** The Unicode form of a stored domain name, or null when it is the same as the name (plain ASCII). */
    public static String unicodeDomain(String ascii) {
        String u = IDN.toUnicode(ascii, IDN.USE_STD3_ASCII_RULES);
        return u.equals(ascii) ? null : u;
    }

    /**
     * An address as stored: {local part, domain}.
     *
     * @throws DirectoryException INVALID when it is not {@code local-part@domain}
     */
    public static String[] address(String address) throws DirectoryException {
        if (address == null) {
            throw DirectoryException.invalid("an address is required");
        }
        String a = address.strip();
        int at = a.lastIndexOf('@');
        if (at <= 0) {
            throw DirectoryException.invalid("not an address: " + address);
        }
        String local = localPart(a.substring(0, at));
        if (!LOCAL_PART.matcher(local).matches()) {
            throw DirectoryException.invalid("not an address: " + address);
        }
        String domain;
        try {
            domain = domain(a.substring(at + 1));
        } catch (DirectoryException e) {
            throw DirectoryException.invalid("not an address: " + address);
        }
        return new String[] {local, domain};
    }

    /** A local part as compared and stored: NFC, lower case (no syntax check). */
    public static String localPart(String localPart) {
        return Normalizer.normalize(localPart, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    /** Every {@code xn--} label decodes to Unicode that encodes back to the same label (no made-up punycode). */
    private static boolean validALabels(String ascii) {
        for (String label : ascii.split("\\.")) {
            if (label.startsWith("xn--")) {
                String u = IDN.toUnicode(label, IDN.USE_STD3_ASCII_RULES);
                if (u.equals(label)) {
                    return false;
                }
                try {
                    if (!IDN.toASCII(u, IDN.USE_STD3_ASCII_RULES).equalsIgnoreCase(label)) {
                        return false;
                    }
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
