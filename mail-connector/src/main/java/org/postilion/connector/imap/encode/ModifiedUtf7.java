package org.postilion.connector.imap.encode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Modified UTF-7 (RFC 3501 section 5.1.3): how IMAP4rev1 clients without UTF8=ACCEPT spell mailbox names.
 * Printable US-ASCII stands for itself, {@code &} is {@code &-}, anything else is {@code &} + modified base64
 * (with {@code ,} for {@code /}, no padding) of its UTF-16BE + {@code -}.
 */
public final class ModifiedUtf7 {

    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private ModifiedUtf7() {
    }

    public static String encode(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                sb.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int j = i;
            while (j < name.length() && (name.charAt(j) < 0x20 || name.charAt(j) > 0x7e)) {
                j++;
            }
            byte[] utf16 = name.substring(i, j).getBytes(StandardCharsets.UTF_16BE);
            sb.append('&').append(ENCODER.encodeToString(utf16).replace('/', ',')).append('-');
            i = j;
        }
        return sb.toString();
    }

    /**
     * Decodes a name.
     *
     * @throws IllegalArgumentException when it is not valid modified UTF-7 (8-bit characters, a shift that
     *                                  does not end, base64 that is not whole UTF-16, or a needless shift)
     */
    public static String decode(String wire) {
        StringBuilder sb = new StringBuilder(wire.length());
        int i = 0;
        while (i < wire.length()) {
            char c = wire.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("mailbox name is not modified UTF-7");
            }
            if (c != '&') {
                sb.append(c);
                i++;
                continue;
            }
            int end = wire.indexOf('-', i + 1);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated modified UTF-7 shift");
            }
            if (end == i + 1) {
                sb.append('&');
                i = end + 1;
                continue;
            }
            String b64 = wire.substring(i + 1, end).replace(',', '/');
            byte[] utf16;
            try {
                utf16 = DECODER.decode(pad(b64));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid base64 in modified UTF-7");
            }
            if (utf16.length == 0 || utf16.length % 2 != 0) {
                throw new IllegalArgumentException("invalid UTF-16 in modified UTF-7");
            }
            String decoded = new String(utf16, StandardCharsets.UTF_16BE);
            for (int k = 0; k < decoded.length(); k++) {
                char d = decoded.charAt(k);
                if (d >= 0x20 && d <= 0x7e) {
                    throw new IllegalArgumentException("modified UTF-7 encodes printable ASCII");
                }
            }
            if (!ENCODER.encodeToString(utf16).replace('/', ',').equals(wire.substring(i + 1, end))) {
                throw new IllegalArgumentException("non-canonical modified UTF-7");
            }
            sb.append(decoded);
            i = end + 1;
        }
        return sb.toString();
    }

    private static String pad(String b64) {
        int rem = b64.length() % 4;
        return rem == 0 ? b64 : rem == 1 ? b64 + "===" : b64 + "==".substring(0, 4 - rem);
    }
}
