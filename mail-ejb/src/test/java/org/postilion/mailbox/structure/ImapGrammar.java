package org.postilion.mailbox.structure;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A strict reader of what {@link MessageStructure} writes, for tests: it parses the IMAP syntax (lists, NIL,
 * numbers, quoted strings, literals) and checks the grammar of RFC 9051 section 9 for {@code envelope} and
 * {@code body}, so that a test can say "whatever the input, the output is valid IMAP" rather than compare strings.
 *
 * <p>Checked beyond the grammar: a quoted string holds no CR, LF, NUL nor non-ASCII character; a literal's
 * announced length is its UTF-8 length and it holds no NUL.
 */
final class ImapGrammar {

    /** The NIL atom. */
    static final Object NIL = new Object() {
        @Override
        public String toString() {
            return "NIL";
        }
    };

    private final String text;
    private final byte[] utf8;
    private int pos;

    private ImapGrammar(String text) {
        this.text = text;
        this.utf8 = text.getBytes(StandardCharsets.UTF_8);
    }

    /** Parses one value (which must be all of {@code text}): a List, a String, a Long or {@link #NIL}. */
    static Object parse(String text) {
        ImapGrammar g = new ImapGrammar(text);
        Object value = g.value();
        if (g.pos != g.utf8.length) {
            throw new AssertionError("trailing text at " + g.pos + " in " + abbreviate(text));
        }
        return value;
    }

    /** Checks an ENVELOPE string. */
    static void checkEnvelope(String envelope) {
        envelope(parse(envelope));
    }

    /**
     * Checks a BODY or BODYSTRUCTURE string.
     *
     * @return how many body parts (multiparts included) it describes
     */
    static int checkBody(String body, boolean extended) {
        return body(parse(body), extended);
    }

    private Object value() {
        if (pos >= utf8.length) {
            throw new AssertionError("value expected at end of " + abbreviate(text));
        }
        byte c = utf8[pos];
        if (c == '(') {
            pos++;
            List<Object> list = new ArrayList<>();
            while (true) {
                if (pos >= utf8.length) {
                    throw new AssertionError("unclosed list in " + abbreviate(text));
                }
                if (utf8[pos] == ')') {
                    pos++;
                    return list;
                }
                // bodies of a multipart (1*body) and addresses (1*address) follow each other without SP
                boolean concatenated = !list.isEmpty() && list.get(list.size() - 1) instanceof List
                        && utf8[pos] == '(';
                if (!list.isEmpty() && !concatenated) {
                    expect(' ');
                }
                if (pos >= utf8.length || utf8[pos] == ')') {
                    throw new AssertionError("value expected at " + pos + " in " + abbreviate(text));
                }
                list.add(value());
            }
        }
        if (c == '"') {
            pos++;
            StringBuilder s = new StringBuilder();
            int start = pos;
            while (true) {
                if (pos >= utf8.length) {
                    throw new AssertionError("unterminated quoted string in " + abbreviate(text));
                }
                byte b = utf8[pos++];
                if (b == '"') {
                    break;
                }
                if (b == '\\') {
                    byte q = utf8[pos++];
                    if (q != '"' && q != '\\') {
                        throw new AssertionError("bad quoted-pair at " + pos);
                    }
                    s.append((char) q);
                    continue;
                }
                if (b == '\r' || b == '\n' || b == 0 || b < 0) {
                    throw new AssertionError("octet " + (b & 0xff) + " in a quoted string at " + (pos - 1)
                            + " (from " + start + ") in " + abbreviate(text));
                }
                s.append((char) b);
            }
            return s.toString();
        }
        if (c == '{') {
            int close = indexOf((byte) '}', pos);
            long n = Long.parseLong(new String(utf8, pos + 1, close - pos - 1, StandardCharsets.US_ASCII));
            pos = close + 1;
            expect('\r');
            expect('\n');
            if (pos + n > utf8.length) {
                throw new AssertionError("literal longer than the text in " + abbreviate(text));
            }
            String s = new String(utf8, pos, (int) n, StandardCharsets.UTF_8);
            for (int i = 0; i < n; i++) {
                if (utf8[pos + i] == 0) {
                    throw new AssertionError("NUL in a literal");
                }
            }
            pos += (int) n;
            return s;
        }
        int start = pos;
        while (pos < utf8.length && utf8[pos] != ' ' && utf8[pos] != ')' && utf8[pos] != '(') {
            pos++;
        }
        String atom = new String(utf8, start, pos - start, StandardCharsets.US_ASCII);
        if (atom.equals("NIL")) {
            return NIL;
        }
        if (!atom.isEmpty() && atom.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(atom);
        }
        throw new AssertionError("unexpected atom '" + atom + "' at " + start + " in " + abbreviate(text));
    }

    private int indexOf(byte b, int from) {
        for (int i = from; i < utf8.length; i++) {
            if (utf8[i] == b) {
                return i;
            }
        }
        throw new AssertionError("no " + (char) b + " after " + from);
    }

    private void expect(char c) {
        if (pos >= utf8.length || utf8[pos] != c) {
            throw new AssertionError("expected '" + c + "' at " + pos + " in " + abbreviate(text));
        }
        pos++;
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }

    // ------------------------------------------------------------------ grammar

    private static List<?> list(Object o, String what) {
        if (!(o instanceof List<?> l)) {
            throw new AssertionError(what + " must be a list: " + o);
        }
        return l;
    }

    private static String string(Object o, String what) {
        if (!(o instanceof String s)) {
            throw new AssertionError(what + " must be a string: " + o);
        }
        return s;
    }

    private static void nstring(Object o, String what) {
        if (o != NIL) {
            string(o, what);
        }
    }

    private static long number(Object o, String what) {
        if (!(o instanceof Long n)) {
            throw new AssertionError(what + " must be a number: " + o);
        }
        return n;
    }

    private static void envelope(Object o) {
        List<?> e = list(o, "envelope");
        if (e.size() != 10) {
            throw new AssertionError("envelope must have 10 fields: " + e);
        }
        nstring(e.get(0), "env-date");
        nstring(e.get(1), "env-subject");
        for (int i = 2; i < 8; i++) {
            addresses(e.get(i));
        }
        nstring(e.get(8), "env-in-reply-to");
        nstring(e.get(9), "env-message-id");
    }

    private static void addresses(Object o) {
        if (o == NIL) {
            return;
        }
        List<?> list = list(o, "address list");
        if (list.isEmpty()) {
            throw new AssertionError("an address list is NIL or has 1*address");
        }
        for (Object a : list) {
            List<?> address = list(a, "address");
            if (address.size() != 4) {
                throw new AssertionError("address must have 4 fields: " + address);
            }
            for (Object f : address) {
                nstring(f, "address field");
            }
        }
    }

    private static int body(Object o, boolean extended) {
        List<?> b = list(o, "body");
        if (b.isEmpty()) {
            throw new AssertionError("empty body");
        }
        if (b.get(0) instanceof List) {
            int parts = 1;
            int i = 0;
            while (i < b.size() && b.get(i) instanceof List) {
                parts += body(b.get(i), extended);
                i++;
            }
            string(b.get(i++), "media-subtype");
            if (extended) {
                if (b.size() - i != 4) {
                    throw new AssertionError("body-ext-mpart must have 4 fields here: " + b.subList(i, b.size()));
                }
                parameters(b.get(i));
                disposition(b.get(i + 1));
                language(b.get(i + 2));
                nstring(b.get(i + 3), "body-fld-loc");
            } else if (i != b.size()) {
                throw new AssertionError("BODY multipart has no extension data");
            }
            return parts;
        }
        String type = string(b.get(0), "media type").toLowerCase(Locale.ROOT);
        String subtype = string(b.get(1), "media subtype").toLowerCase(Locale.ROOT);
        parameters(b.get(2));
        nstring(b.get(3), "body-fld-id");
        nstring(b.get(4), "body-fld-desc");
        string(b.get(5), "body-fld-enc");
        number(b.get(6), "body-fld-octets");
        int i = 7;
        int parts = 1;
        if (type.equals("message") && (subtype.equals("rfc822") || subtype.equals("global"))) {
            envelope(b.get(7));
            parts += body(b.get(8), extended);
            number(b.get(9), "body-fld-lines");
            i = 10;
        } else if (type.equals("text")) {
            number(b.get(7), "body-fld-lines");
            i = 8;
        }
        if (extended) {
            if (b.size() - i != 4) {
                throw new AssertionError("body-ext-1part must have 4 fields here: " + b.subList(i, b.size()));
            }
            nstring(b.get(i), "body-fld-md5");
            disposition(b.get(i + 1));
            language(b.get(i + 2));
            nstring(b.get(i + 3), "body-fld-loc");
        } else if (i != b.size()) {
            throw new AssertionError("BODY has no extension data: " + b);
        }
        return parts;
    }

    private static void parameters(Object o) {
        if (o == NIL) {
            return;
        }
        List<?> p = list(o, "body-fld-param");
        if (p.isEmpty() || p.size() % 2 != 0) {
            throw new AssertionError("body-fld-param must hold name/value pairs: " + p);
        }
        for (Object s : p) {
            string(s, "parameter");
        }
    }

    private static void disposition(Object o) {
        if (o == NIL) {
            return;
        }
        List<?> d = list(o, "body-fld-dsp");
        if (d.size() != 2) {
            throw new AssertionError("body-fld-dsp must be (string params): " + d);
        }
        string(d.get(0), "disposition");
        parameters(d.get(1));
    }

    private static void language(Object o) {
        if (o == NIL || o instanceof String) {
            return;
        }
        List<?> l = list(o, "body-fld-lang");
        if (l.isEmpty()) {
            throw new AssertionError("empty body-fld-lang list");
        }
        for (Object s : l) {
            string(s, "language");
        }
    }
}
