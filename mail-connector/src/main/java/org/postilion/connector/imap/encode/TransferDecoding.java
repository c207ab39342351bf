package org.postilion.connector.imap.encode;

import java.io.ByteArrayOutputStream;
import java.util.Base64;

/**
 * Content-Transfer-Encodings undone, for BINARY (RFC 3516): base64 (lenient about line breaks and stray
 * characters, as MIME readers are) and quoted-printable (RFC 2045 section 6.7: soft line breaks removed,
 * {@code =XX} decoded, a malformed {@code =} kept as it is); 7bit, 8bit and binary are returned as they are.
 */
public final class TransferDecoding {

    private TransferDecoding() {
    }

    /** Whether BINARY can decode this encoding; else the answer is {@code NO [UNKNOWN-CTE]}. */
    public static boolean isKnown(String encoding) {
        return switch (encoding) {
            case "7bit", "8bit", "binary", "base64", "quoted-printable" -> true;
            default -> false;
        };
    }

    public static byte[] decode(String encoding, byte[] body) {
        return switch (encoding) {
            case "base64" -> Base64.getMimeDecoder().decode(stripBadBase64(body));
            case "quoted-printable" -> quotedPrintable(body);
            default -> body;
        };
    }

    private static byte[] stripBadBase64(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        for (byte b : body) {
            if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '+' || b == '/'
                    || b == '=') {
                out.write(b);
            }
        }
        byte[] clean = out.toByteArray();
        // drop a dangling partial quantum rather than fail on it
        int usable = clean.length - clean.length % 4;
        if (usable == clean.length) {
            return clean;
        }
        byte[] cut = new byte[usable];
        System.arraycopy(clean, 0, cut, 0, usable);
        return cut;
    }

    public static byte[] quotedPrintable(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int n = in.length;
        for (int i = 0; i < n; i++) {
            byte b = in[i];
            if (b != '=') {
                out.write(b);
                continue;
            }
            // soft line break: "=" followed by optional whitespace and a line end
            int j = i + 1;
            while (j < n && (in[j] == ' ' || in[j] == '\t')) {
                j++;
            }
            if (j < n && in[j] == '\r' && j + 1 < n && in[j + 1] == '\n') {
                i = j + 1;
                continue;
            }
            if (j < n && in[j] == '\n') {
                i = j;
                continue;
            }
            if (j == n) {
                break;
            }
            int hi = i + 1 < n ? hex(in[i + 1]) : -1;
            int lo = i + 2 < n ? hex(in[i + 2]) : -1;
            if (hi >= 0 && lo >= 0) {
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }
}
