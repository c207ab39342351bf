package org.postilion.connector.imap.search;

import org.postilion.connector.spi.imap.MessageDescription;
import org.postilion.connector.spi.imap.MimePart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One candidate while one program is evaluated against it: what the keys ask for (the parsed ENVELOPE, the
 * header fields, the decoded body text) is computed the first time a key asks and kept for the other keys, so
 * {@code OR BODY a BODY b} decodes the body once.
 *
 * <p>Body text: the text parts ({@code text/*}, or parts without a type) found through
 * {@link MessageDescription#parts()}, each decoded from its Content-Transfer-Encoding and then from the charset
 * of its own Content-Type; plus the header of every enclosed message/rfc822, which a reader sees as part of the
 * body. Attachments of other types are not searched (Dovecot without full-text search does the same). Without a
 * parts list the whole body is taken as text.
 */
final class MessageView {

    private final SearchCandidate candidate;
    private final SearchContext context;

    private ImapEnvelope envelope;
    private boolean envelopeRead;
    private List<String[]> headerFields;
    private String bodyText;
    private String mimeHeaderText;
    private String foldedBody;
    private String foldedText;
    private MessageDate sentDate;
    private boolean sentDateRead;

    MessageView(SearchCandidate candidate, SearchContext context) {
        this.candidate = candidate;
        this.context = context;
    }

    SearchCandidate candidate() {
        return candidate;
    }

    SearchContext context() {
        return context;
    }

    MessageDescription description() {
        MessageDescription d = candidate.description();
        if (d == null) {
            throw new IllegalStateException("the search needs the message's description, and the candidate has none");
        }
        return d;
    }

    /** The parsed ENVELOPE; null when the stored one cannot be read (then no envelope key matches). */
    ImapEnvelope envelope() {
        if (!envelopeRead) {
            envelopeRead = true;
            String e = description().envelope();
            try {
                envelope = e == null ? null : ImapEnvelope.parse(e);
            } catch (IllegalArgumentException malformed) {
                envelope = null;
            }
        }
        return envelope;
    }

    /** The Date header's date, or null when it is missing or no date. */
    MessageDate sentDate() {
        if (!sentDateRead) {
            sentDateRead = true;
            ImapEnvelope env = envelope();
            sentDate = env == null ? null : MessageDate.parse(env.date());
        }
        return sentDate;
    }

    /** The raw header block: the candidate's, or the start of its content. */
    byte[] header() {
        byte[] h = candidate.header();
        if (h != null) {
            return h;
        }
        byte[] c = candidate.content();
        if (c == null) {
            throw new IllegalStateException("the search needs the message's header, and the candidate has none");
        }
        return Arrays.copyOf(c, headerEnd(c, 0, c.length));
    }

    /** The header's fields as {name, decoded value} pairs, in order. */
    List<String[]> headerFields() {
        if (headerFields == null) {
            byte[] h = header();
            headerFields = parseFields(h, 0, h.length);
        }
        return headerFields;
    }

    /** The decoded text of the body's text parts. */
    String bodyText() {
        if (bodyText == null) {
            bodyText = extractBody();
        }
        return bodyText;
    }

    /** The body text, case-folded once for every key that searches it. */
    String foldedBody() {
        if (foldedBody == null) {
            foldedBody = Fold.fold(bodyText());
        }
        return foldedBody;
    }

    /**
     * The text TEXT searches, case-folded: the message's header, the body text and the MIME header fields of
     * its parts ("the header (including MIME header fields) or body", RFC 9051 section 6.4.4).
     */
    String foldedText() {
        if (foldedText == null) {
            String body = bodyText();
            foldedText = Fold.fold(headerText() + "\n" + mimeHeaderText + "\n" + body);
        }
        return foldedText;
    }

    private String extractBody() {
        byte[] c = candidate.content();
        if (c == null) {
            throw new IllegalStateException("the search needs the message's content, and the candidate has none");
        }
        MessageDescription d = candidate.description();
        StringBuilder mime = new StringBuilder();
        mimeHeaderText = "";
        if (d == null || d.parts() == null || d.parts().isEmpty()) {
            int start = headerEnd(c, 0, c.length);
            return Charsets.decodeUnlabelled(c, start, c.length - start);
        }
        StringBuilder sb = new StringBuilder();
        for (MimePart p : d.parts()) {
            int hs = clamp(p.headerStart(), c.length);
            int bs = clamp(p.bodyStart(), c.length);
            int be = Math.max(bs, clamp(p.bodyEnd(), c.length));
            if (!p.section().isEmpty()) {
                for (String[] f : parseFields(c, hs, bs)) {
                    mime.append(f[0]).append(": ").append(f[1]).append('\n');
                }
            }
            if (p.isMessage()) {
                int inner = p.innerBodyStart() < 0 ? be : Math.max(bs, clamp(p.innerBodyStart(), be));
                for (String[] f : parseFields(c, bs, inner)) {
                    sb.append(f[0]).append(": ").append(f[1]).append('\n');
                }
                continue;
            }
            if (p.isMultipart() || !(p.contentType().isEmpty() || p.contentType().startsWith("text/"))) {
                continue;
            }
            String charset = null;
            for (String[] f : parseFields(c, hs, bs)) {
                if (f[0].equalsIgnoreCase("Content-Type")) {
                    charset = parameter(f[1], "charset");
                }
            }
            byte[] decoded;
            int off;
            int len;
            switch (p.transferEncoding()) {
                case "base64" -> {
                    decoded = TransferDecoding.base64(c, bs, be);
                    off = 0;
                    len = decoded.length;
                }
                case "quoted-printable" -> {
                    decoded = TransferDecoding.quotedPrintable(c, bs, be);
                    off = 0;
                    len = decoded.length;
                }
                default -> {
                    decoded = c;
                    off = bs;
                    len = be - bs;
                }
            }
            sb.append(Charsets.decode(decoded, off, len, charset)).append('\n');
        }
        mimeHeaderText = mime.toString();
        return sb.toString();
    }

    private static int clamp(long offset, int length) {
        return (int) Math.max(0, Math.min(offset, length));
    }

    /** Where the header of {@code b[from..to)} ends: after its empty line, or at {@code to}. */
    static int headerEnd(byte[] b, int from, int to) {
        if (from < to && b[from] == '\n') {
            return from + 1;
        }
        if (from + 1 < to && b[from] == '\r' && b[from + 1] == '\n') {
            return from + 2;
        }
        for (int i = from; i < to - 1; i++) {
            if (b[i] == '\n') {
                if (b[i + 1] == '\n') {
                    return i + 2;
                }
                if (b[i + 1] == '\r' && i + 2 < to && b[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return to;
    }

    /**
     * The fields of the header in {@code b[from..to)}, unfolded (RFC 5322 section 2.2.3), each value trimmed and
     * with its encoded-words decoded. Lines without a colon (broken mail) are skipped; parsing stops at the empty
     * line that ends the header.
     */
    static List<String[]> parseFields(byte[] b, int from, int to) {
        List<String[]> fields = new ArrayList<>();
        int end = headerEnd(b, from, to);
        String text = Charsets.decodeUnlabelled(b, from, end - from);
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                break;
            }
            char first = line.charAt(0);
            if ((first == ' ' || first == '\t') && name != null) {
                value.append(line);
                continue;
            }
            if (name != null) {
                fields.add(new String[]{name, EncodedWords.decode(value.toString().trim())});
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                name = null;
                value.setLength(0);
                continue;
            }
            name = line.substring(0, colon).trim();
            value.setLength(0);
            value.append(line, colon + 1, line.length());
        }
        if (name != null) {
            fields.add(new String[]{name, EncodedWords.decode(value.toString().trim())});
        }
        return fields;
    }

    /** A parameter of a structured value such as {@code text/plain; charset="utf-8"}, or null. */
    static String parameter(String value, String parameter) {
        for (String piece : value.split(";")) {
            int eq = piece.indexOf('=');
            if (eq > 0 && piece.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals(parameter)) {
                String v = piece.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                return v;
            }
        }
        return null;
    }

    /** The header as text for TEXT: every field, decoded. */
    String headerText() {
        StringBuilder sb = new StringBuilder();
        for (String[] f : headerFields()) {
            sb.append(f[0]).append(": ").append(f[1]).append('\n');
        }
        return sb.toString();
    }
}
