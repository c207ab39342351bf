package org.postilion.connector.imap.encode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code HEADER.FIELDS} and {@code HEADER.FIELDS.NOT} (RFC 9051 section 6.4.5): the header lines (with their
 * continuation lines) whose field name is, or is not, among the names, compared case-insensitively, and the
 * empty line that ends a header. Lines without a colon are never a match; bare LF is kept as it came.
 */
public final class HeaderFields {

    private HeaderFields() {
    }

    public static byte[] filter(byte[] header, List<String> names, boolean not) {
        Set<String> wanted = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(header.length, 4096));
        int i = 0;
        int n = header.length;
        while (i < n) {
            int end = lineEnd(header, i);
            if (end - i <= 2 && isBlank(header, i, end)) {
                break;
            }
            // a field: this line and every following line that starts with a space or tab
            int fieldEnd = end;
            while (fieldEnd < n && (header[fieldEnd] == ' ' || header[fieldEnd] == '\t')) {
                fieldEnd = lineEnd(header, fieldEnd);
            }
            int colon = -1;
            for (int k = i; k < end; k++) {
                if (header[k] == ':') {
                    colon = k;
                    break;
                }
            }
            if (colon > i) {
                String name = new String(header, i, colon - i, StandardCharsets.ISO_8859_1).strip()
                        .toLowerCase(Locale.ROOT);
                if (wanted.contains(name) != not) {
                    out.write(header, i, fieldEnd - i);
                }
            }
            i = fieldEnd;
        }
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }

    private static int lineEnd(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return b.length;
    }

    private static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != '\r' && b[i] != '\n') {
                return false;
            }
        }
        return true;
    }
}
