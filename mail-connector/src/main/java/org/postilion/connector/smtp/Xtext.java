package org.postilion.connector.smtp;

/**
 * xtext (RFC 3461 section 4): printable US-ASCII except {@code +} and {@code =}, which, like any other octet, are
 * written {@code +XX} with two upper-case hex digits. Used by ENVID, ORCPT and AUTH= parameters.
 */
public final class Xtext {

    private Xtext() {
    }

    /** Whether {@code s} is well-formed xtext. */
    public static boolean isValid(String s) {
        return decode(s) != null;
    }

    /** The decoded text (its octets read as UTF-8), or null when {@code s} is not xtext. */
    public static String decode(String s) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = hex(s.charAt(i + 1));
                int lo = hex(s.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    return null;
                }
                b.write(hi << 4 | lo);
                i += 2;
            } else if (c >= 33 && c <= 126 && c != '=') {
                b.write(c);
            } else {
                return null;
            }
        }
        return b.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Encodes text as xtext; characters outside US-ASCII are written as their UTF-8 octets. */
    public static String encode(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (byte octet : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = octet & 0xFF;
            if (c >= 33 && c <= 126 && c != '+' && c != '=') {
                b.append((char) c);
            } else {
                b.append('+').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return b.toString();
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
