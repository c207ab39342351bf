package org.postilion.connector.imap.search;

import java.io.ByteArrayOutputStream;

/**
 * Decodes the encoded-words of RFC 2047 in an unstructured header value or a display name:
 * {@code =?ISO-8859-1?Q?Andr=E9?= Pirard} becomes {@code André Pirard}.
 *
 * <p>As RFC 2047 section 6.2 says, white space between two adjacent encoded-words is dropped. Adjacent words in
 * the same charset and encoding are joined before their charset decodes them, because mailers split multi-byte
 * characters across words (RFC 2047 section 5 forbids it; Outlook and others do it anyway). A word that is
 * malformed, or names a charset the JDK lacks, stays as it was: it is still searchable as text. The RFC 2231
 * language suffix ({@code =?UTF-8*de?Q?...?=}) is ignored.
 *
 * <p>LIMITS: an encoded-word is at most {@value #MAX_WORD} characters (RFC 2047 says 75; real mail exceeds it,
 * but not by this much). The bound keeps the work linear in the value's length: a value of many unterminated
 * {@code =?} openings would otherwise be scanned to its end once per opening.
 */
final class EncodedWords {

    static final int MAX_WORD = 1024;

    private EncodedWords() {
    }

    /** The value with its encoded-words decoded. */
    static String decode(String value) {
        if (value == null || value.indexOf("=?") < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        int n = value.length();
        // a run of adjacent words in one charset and encoding, decoded together when the run ends
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        String runCharset = null;
        char runEncoding = 0;
        int pendingSpaceStart = -1;
        while (i < n) {
            Word w = value.startsWith("=?", i) ? Word.parse(value, i) : null;
            if (w == null) {
                int next = value.indexOf("=?", i + 1);
                int end = next < 0 ? n : next;
                String plain = value.substring(i, end);
                if (runCharset != null && plain.isBlank() && next >= 0 && decodable(Word.parse(value, next))) {
                    // white space between two encoded-words: dropped (RFC 2047 section 6.2)
                    pendingSpaceStart = i;
                } else {
                    flush(out, run, runCharset);
                    runCharset = null;
                    out.append(plain);
                }
                i = end;
                continue;
            }
            if (!decodable(w)) {
                flush(out, run, runCharset);
                runCharset = null;
                out.append(value, i, w.end);
            } else {
                if (runCharset != null && !(runCharset.equalsIgnoreCase(w.charset) && runEncoding == w.encoding)) {
                    flush(out, run, runCharset);
                }
                runCharset = w.charset;
                runEncoding = w.encoding;
                run.writeBytes(w.bytes);
            }
            pendingSpaceStart = -1;
            i = w.end;
        }
        if (pendingSpaceStart >= 0) {
            flush(out, run, runCharset);
            out.append(value, pendingSpaceStart, n);
        } else {
            flush(out, run, runCharset);
        }
        return out.toString();
    }

    /** Whether a word is one this decoder turns into text: well-formed, and in a charset the JDK has. */
    private static boolean decodable(Word w) {
        return w != null && w.bytes != null && Charsets.lookup(w.charset) != null;
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream run, String charset) {
        if (run.size() > 0) {
            byte[] bytes = run.toByteArray();
            out.append(Charsets.decode(bytes, 0, bytes.length, charset));
            run.reset();
        }
    }

    /** One {@code =?charset?encoding?text?=}; {@code bytes} null when its text does not decode. */
    private record Word(String charset, char encoding, byte[] bytes, int end) {

        static Word parse(String s, int start) {
            int limit = Math.min(s.length(), start + MAX_WORD);
            int q1 = indexOf(s, '?', start + 2, limit);
            if (q1 < 0 || q1 + 3 >= limit || s.charAt(q1 + 2) != '?') {
                return null;
            }
            char enc = Character.toUpperCase(s.charAt(q1 + 1));
            if (enc != 'B' && enc != 'Q') {
                return null;
            }
            int textStart = q1 + 3;
            int close = -1;
            for (int i = textStart; i + 1 < limit; i++) {
                if (s.charAt(i) == '?' && s.charAt(i + 1) == '=') {
                    close = i;
                    break;
                }
            }
            if (close < 0) {
                return null;
            }
            String charset = s.substring(start + 2, q1);
            int star = charset.indexOf('*');
            if (star >= 0) {
                charset = charset.substring(0, star);
            }
            if (charset.isEmpty() || charset.chars().anyMatch(c -> c <= ' ' || c == '?')) {
                return null;
            }
            String text = s.substring(textStart, close);
            if (text.chars().anyMatch(c -> c == ' ' || c == '\t')) {
                return null;
            }
            byte[] bytes = enc == 'B' ? TransferDecoding.base64(text) : qDecode(text);
            return new Word(charset, enc, bytes, close + 2);
        }

        private static int indexOf(String s, char c, int from, int limit) {
            for (int i = from; i < limit; i++) {
                if (s.charAt(i) == c) {
                    return i;
                }
            }
            return -1;
        }

        /** The Q encoding: quoted-printable with {@code _} for space; null when an escape is broken. */
        private static byte[] qDecode(String text) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '_') {
                    out.write(' ');
                } else if (c == '=') {
                    if (i + 2 >= text.length()) {
                        return null;
                    }
                    int hi = Character.digit(text.charAt(i + 1), 16);
                    int lo = Character.digit(text.charAt(i + 2), 16);
                    if (hi < 0 || lo < 0) {
                        return null;
                    }
                    out.write(hi << 4 | lo);
                    i += 2;
                } else if (c > 0x7e) {
                    return null;
                } else {
                    out.write(c);
                }
            }
            return out.toByteArray();
        }
    }
}
