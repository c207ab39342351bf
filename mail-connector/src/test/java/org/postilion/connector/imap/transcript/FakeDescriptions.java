package org.postilion.connector.imap.transcript;

import org.postilion.connector.spi.imap.MessageDescription;
import org.postilion.connector.spi.imap.MimePart;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What delivery would store of a message, for the fake store: a small reader of one level of multipart and of
 * the common envelope headers, enough for protocol tests (the real one is Mime4j in mail-ejb). ENVELOPE
 * strings are built from Date, Subject, From, To, Cc and Message-ID; BODYSTRUCTURE of text parts as
 * {@code ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" size lines)}.
 */
final class FakeDescriptions {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";\r\n]+)\"?", Pattern.CASE_INSENSITIVE);

    private FakeDescriptions() {
    }

    static MessageDescription describe(long uid, byte[] content, Instant internalDate) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        int headerSize = headerEnd(text, 0);
        String header = text.substring(0, headerSize);
        String envelope = "(" + nstring(field(header, "Date")) + " " + nstring(field(header, "Subject")) + " "
                + addresses(field(header, "From")) + " " + addresses(field(header, "From")) + " "
                + addresses(field(header, "From")) + " " + addresses(field(header, "To")) + " "
                + addresses(field(header, "Cc")) + " NIL NIL " + nstring(field(header, "Message-ID")) + ")";
        List<MimePart> parts = new ArrayList<>();
        String type = contentType(header);
        String cte = encoding(header);
        parts.add(new MimePart("", type, cte, 0, headerSize, content.length, lines(text, headerSize, content.length), -1));
        String structure;
        Matcher b = BOUNDARY.matcher(header);
        if (type.startsWith("multipart/") && b.find()) {
            String delimiter = "--" + b.group(1);
            List<String> children = new ArrayList<>();
            int pos = text.indexOf(delimiter, headerSize);
            int n = 0;
            while (pos >= 0) {
                int lineEnd = text.indexOf("\r\n", pos);
                if (lineEnd < 0 || text.startsWith(delimiter + "--", pos)) {
                    break;
                }
                int partStart = lineEnd + 2;
                int next = text.indexOf("\r\n" + delimiter, partStart);
                if (next < 0) {
                    break;
                }
                int partHeaderEnd = headerEnd(text, partStart);
                String partHeader = text.substring(partStart, partHeaderEnd);
                String partType = contentType(partHeader);
                String partCte = encoding(partHeader);
                n++;
                parts.add(new MimePart(Integer.toString(n), partType, partCte, partStart, partHeaderEnd, next,
                        lines(text, partHeaderEnd, next), -1));
                children.add(leaf(partType, partCte, next - partHeaderEnd, lines(text, partHeaderEnd, next)));
                pos = next + 2;
            }
            structure = "(" + String.join("", children) + " \"" + type.substring(10).toUpperCase(Locale.ROOT) + "\")";
        } else {
            structure = leaf(type, cte, content.length - headerSize, lines(text, headerSize, content.length));
        }
        return new MessageDescription(uid, 0, 0, List.of(), internalDate, content.length, envelope, structure,
                structure, headerSize, parts);
    }

    private static String leaf(String type, String cte, long size, long lines) {
        String[] t = type.split("/", 2);
        return "(\"" + t[0].toUpperCase(Locale.ROOT) + "\" \"" + t[1].toUpperCase(Locale.ROOT)
                + "\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"" + cte.toUpperCase(Locale.ROOT) + "\" " + size
                + (t[0].equals("text") ? " " + lines : "") + ")";
    }

    private static int headerEnd(String text, int from) {
        if (text.startsWith("\r\n", from)) {
            return from + 2;
        }
        int end = text.indexOf("\r\n\r\n", from);
        return end < 0 ? text.length() : end + 4;
    }

    private static long lines(String text, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String field(String header, String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ":[ \t]*(.*(?:\r\n[ \t].*)*)").matcher(header);
        return m.find() ? m.group(1).replace("\r\n", "").strip() : null;
    }

    private static String contentType(String header) {
        String ct = field(header, "Content-Type");
        if (ct == null) {
            return "text/plain";
        }
        String t = ct.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return t.contains("/") ? t : "text/plain";
    }

    private static String encoding(String header) {
        String cte = field(header, "Content-Transfer-Encoding");
        return cte == null ? "7bit" : cte.strip().toLowerCase(Locale.ROOT);
    }

    private static String nstring(String s) {
        return s == null ? "NIL" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String addresses(String field) {
        if (field == null) {
            return "NIL";
        }
        StringBuilder sb = new StringBuilder("(");
        for (String a : field.split(",")) {
            String address = a.strip();
            String name = null;
            int lt = address.indexOf('<');
            if (lt >= 0) {
                name = address.substring(0, lt).strip().replace("\"", "");
                address = address.substring(lt + 1, address.indexOf('>', lt));
            }
            String[] at = address.split("@", 2);
            sb.append('(').append(name == null || name.isEmpty() ? "NIL" : nstring(name)).append(" NIL ")
                    .append(nstring(at[0])).append(' ').append(at.length > 1 ? nstring(at[1]) : "NIL").append(')');
        }
        return sb.append(')').toString();
    }
}
