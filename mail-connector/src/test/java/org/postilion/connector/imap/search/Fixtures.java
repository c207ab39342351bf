package org.postilion.connector.imap.search;

import org.postilion.connector.imap.decode.ImapArg;
import org.postilion.connector.spi.imap.MessageDescription;
import org.postilion.connector.spi.imap.MessageState;
import org.postilion.connector.spi.imap.MimePart;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/** Arguments as the generic IMAP parser gives them, and messages as the session gives them, for the tests. */
final class Fixtures {

    private Fixtures() {
    }

    static final SearchContext CONTEXT = new SearchContext(10, 100, new long[0], new long[0], ZoneOffset.UTC);

    /**
     * Splits a command's arguments the way the generic parser does: atoms, "quoted" strings (with \" and \\),
     * {n} literals written inline as {n}CRLF, NIL and parenthesised lists. Test input only; no error handling.
     */
    static List<ImapArg> args(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        Deque<List<ImapArg>> stack = new ArrayDeque<>();
        stack.push(new ArrayList<>());
        int i = 0;
        while (i < b.length) {
            byte c = b[i];
            if (c == ' ') {
                i++;
            } else if (c == '(') {
                stack.push(new ArrayList<>());
                i++;
            } else if (c == ')') {
                List<ImapArg> inner = stack.pop();
                stack.peek().add(new ImapArg.ListArg(inner));
                i++;
            } else if (c == '"') {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                i++;
                while (b[i] != '"') {
                    if (b[i] == '\\') {
                        i++;
                    }
                    out.write(b[i++]);
                }
                i++;
                stack.peek().add(new ImapArg.Str(out.toByteArray(), false));
            } else if (c == '{') {
                int close = line.indexOf('}', i);
                int n = Integer.parseInt(new String(b, i + 1, close - i - 1, StandardCharsets.US_ASCII));
                int start = close + 3;
                byte[] lit = new byte[n];
                System.arraycopy(b, start, lit, 0, n);
                stack.peek().add(new ImapArg.Str(lit, true));
                i = start + n;
            } else {
                int j = i;
                int bracket = 0;
                while (j < b.length && (bracket > 0 || (b[j] != ' ' && b[j] != ')' && b[j] != '('))) {
                    if (b[j] == '[') {
                        bracket++;
                    } else if (b[j] == ']') {
                        bracket--;
                    }
                    j++;
                }
                String atom = new String(b, i, j - i, StandardCharsets.UTF_8);
                stack.peek().add(atom.equalsIgnoreCase("NIL") ? new ImapArg.Nil() : new ImapArg.Atom(atom));
                i = j;
            }
        }
        return stack.pop();
    }

    static String env(String date, String subject, String from, String to, String cc, String inReplyTo,
                      String messageId) {
        return "(" + q(date) + " " + q(subject) + " " + addr(from) + " " + addr(from) + " " + addr(from) + " "
                + addr(to) + " " + addr(cc) + " NIL " + q(inReplyTo) + " " + q(messageId) + ")";
    }

    /** "Name <mbox@host>" or "mbox@host" to an IMAP address list; null to NIL. */
    static String addr(String a) {
        if (a == null) {
            return "NIL";
        }
        String name = null;
        String spec = a;
        int lt = a.indexOf('<');
        if (lt >= 0) {
            name = a.substring(0, lt).trim();
            spec = a.substring(lt + 1, a.indexOf('>'));
        }
        int at = spec.indexOf('@');
        return "((" + q(name) + " NIL " + q(spec.substring(0, at)) + " " + q(spec.substring(at + 1)) + "))";
    }

    static String q(String s) {
        return s == null ? "NIL" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A message; build with the withers. */
    record Msg(int seq, long uid, long modseq, int flags, List<String> keywords, Instant internalDate, long size,
               String envelope, byte[] header, byte[] content, List<MimePart> parts) implements SearchCandidate {

        static Msg of(int seq, long uid) {
            return new Msg(seq, uid, 1, 0, List.of(), Instant.parse("2020-02-01T12:00:00Z"), 1000,
                    env("Sat, 1 Feb 2020 12:00:00 +0000", "hello", "a@b.c", "d@e.f", null, null, "<" + uid + "@x>"),
                    null, null, List.of());
        }

        Msg flags(int f) {
            return new Msg(seq, uid, modseq, f, keywords, internalDate, size, envelope, header, content, parts);
        }

        Msg keywords(String... k) {
            return new Msg(seq, uid, modseq, flags, List.of(k), internalDate, size, envelope, header, content, parts);
        }

        Msg modseq(long m) {
            return new Msg(seq, uid, m, flags, keywords, internalDate, size, envelope, header, content, parts);
        }

        Msg internal(String instant) {
            return new Msg(seq, uid, modseq, flags, keywords, Instant.parse(instant), size, envelope, header, content,
                    parts);
        }

        Msg size(long s) {
            return new Msg(seq, uid, modseq, flags, keywords, internalDate, s, envelope, header, content, parts);
        }

        Msg envelope(String e) {
            return new Msg(seq, uid, modseq, flags, keywords, internalDate, size, e, header, content, parts);
        }

        /** The raw message (LF line ends are turned into CRLF); header() is its header block. */
        Msg message(String raw, MimePart... p) {
            byte[] c = raw.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
            int he = MessageView.headerEnd(c, 0, c.length);
            byte[] h = Arrays.copyOf(c, he);
            return new Msg(seq, uid, modseq, flags, keywords, internalDate, c.length, envelope, h, c, List.of(p));
        }

        @Override
        public MessageState state() {
            return new MessageState(uid, modseq, flags, keywords);
        }

        @Override
        public MessageDescription description() {
            return new MessageDescription(uid, modseq, flags, keywords, internalDate, size, envelope, "", "",
                    header == null ? 0 : header.length, parts);
        }
    }

    /** The offsets of a part of {@code raw} (CRLF form) whose header starts at the first occurrence of a marker. */
    static MimePart part(String raw, String section, String type, String encoding, String headerMarker,
                         String endMarker) {
        String crlf = raw.replace("\r\n", "\n").replace("\n", "\r\n");
        byte[] c = crlf.getBytes(StandardCharsets.UTF_8);
        int hs = headerMarker == null ? 0 : byteIndex(crlf, crlf.indexOf(headerMarker));
        int bs = MessageView.headerEnd(c, hs, c.length);
        int be = endMarker == null ? c.length : byteIndex(crlf, crlf.indexOf(endMarker, charIndex(crlf, bs))) - 2;
        return new MimePart(section, type, encoding, hs, bs, be, 0, -1);
    }

    private static int byteIndex(String s, int charIndex) {
        return s.substring(0, charIndex).getBytes(StandardCharsets.UTF_8).length;
    }

    private static int charIndex(String s, int byteIndex) {
        return new String(s.getBytes(StandardCharsets.UTF_8), 0, byteIndex, StandardCharsets.UTF_8).length();
    }
}
