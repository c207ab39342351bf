package org.postilion.connector.imap.search;

import java.io.ByteArrayOutputStream;

/**
 * The content transfer encodings of RFC 2045 section 6, decoded leniently: a search must find text in what
 * real mailers send, not only in what they should send. Base64 skips every character outside its alphabet
 * (line breaks, stray spaces) and stops at padding; quoted-printable keeps a broken {@code =} escape as it is
 * and removes soft line breaks whether they end in CRLF or a bare LF.
 */
final class TransferDecoding {

    private TransferDecoding() {
    }

    /** Base64 of a header's B encoding; null when there is nothing decodable. */
    static byte[] base64(String text) {
        byte[] raw = new byte[text.length()];
        for (int i = 0; i < raw.length; i++) {
            char c = text.charAt(i);
            raw[i] = c < 128 ? (byte) c : (byte) '?';
        }
        return base64(raw, 0, raw.length);
    }

    /** Base64 of {@code bytes[from..to)}, skipping characters outside the alphabet. */
    static byte[] base64(byte[] bytes, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((to - from) * 3 / 4 + 3);
        int acc = 0;
        int bits = 0;
        for (int i = from; i < to; i++) {
            int v = value(bytes[i]);
            if (bytes[i] == '=') {
                break;
            }
            if (v < 0) {
                continue;
            }
            acc = acc << 6 | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out.write(acc >> bits & 0xff);
            }
        }
        return out.toByteArray();
    }

    private static int value(byte b) {
        if (b >= 'A' && b <= 'Z') {
            return b - 'A';
        }
        if (b >= 'a' && b <= 'z') {
            return b - 'a' + 26;
        }
        if (b >= '0' && b <= '9') {
            return b - '0' + 52;
        }
        if (b == '+') {
            return 62;
        }
        if (b == '/') {
            return 63;
        }
        return -1;
    }

    /** Quoted-printable of {@code bytes[from..to)}. */
    static byte[] quotedPrintable(byte[] bytes, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        int i = from;
        while (i < to) {
            byte b = bytes[i];
            if (b != '=') {
                out.write(b);
                i++;
                continue;
            }
            // soft line break: "=" followed by optional white space and a line end
            int j = i + 1;
            while (j < to && (bytes[j] == ' ' || bytes[j] == '\t')) {
                j++;
            }
            if (j < to && bytes[j] == '\r' && j + 1 < to && bytes[j + 1] == '\n') {
                i = j + 2;
                continue;
            }
            if (j < to && bytes[j] == '\n') {
                i = j + 1;
                continue;
            }
            if (j == to) {
                i = to;
                continue;
            }
            if (i + 2 < to) {
                int hi = Character.digit(bytes[i + 1], 16);
                int lo = Character.digit(bytes[i + 2], 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi << 4 | lo);
                    i += 3;
                    continue;
                }
            }
            out.write(b);
            i++;
        }
        return out.toByteArray();
    }
}
