package org.postilion.mailbox.structure;

import java.nio.charset.StandardCharsets;

/**
 * Writes header text as IMAP {@code nstring}s the way Dovecot does, so that clients tuned against Dovecot see the
 * same bytes from us.
 *
 * <p>STANDARDS: RFC 9051 section 4.3 and RFC 3501 section 4.3 ({@code quoted}, {@code literal}).
 *
 * <p>Two writers, as Dovecot's {@code imap-quote.c}:
 * <ul>
 * <li>{@link #nstring}: a quoted string with {@code \"} and {@code \\} escaped; a literal when the text holds CR,
 *     LF or a non-ASCII character, or more than four quoted-specials (then the literal is shorter).</li>
 * <li>{@link #forHumans}: for the subject and address display names. Line feeds (folds) go, tabs and CRs become
 *     spaces (a CR alone is white space to Dovecot 2.3), runs of white space one space, leading and trailing white
 *     space go; the result is quoted only when nothing had to change and it holds no quoted-special nor non-ASCII
 *     character, else it is a literal.</li>
 * </ul>
 *
 * <p>Non-ASCII text is never put in a quoted string: the stored strings are served to IMAP4rev1 clients that did
 * not ENABLE UTF8=ACCEPT too, and a literal is valid for both. A literal's length counts the UTF-8 octets of its
 * text, so the caller must write these strings as UTF-8. NUL cannot appear: the header decoder has already
 * replaced it (see {@link HeaderFields}).
 */
final class ImapQuoting {

    /** Beyond this many quoted-specials a literal is shorter than escaping (Dovecot's QUOTED_MAX_ESCAPE_CHARS). */
    private static final int MAX_ESCAPES = 4;

    private ImapQuoting() {
    }

    /** Appends {@code NIL} for null, else the text as a quoted string or a literal. */
    static void nstring(StringBuilder out, String text) {
        if (text == null) {
            out.append("NIL");
            return;
        }
        int escapes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                if (++escapes > MAX_ESCAPES) {
                    literal(out, text);
                    return;
                }
            } else if (c == '\r' || c == '\n' || c >= 0x80 || c == 0) {
                literal(out, text);
                return;
            }
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    /** Appends the text cleaned for display (see the class comment), quoted when it can stay as it is. */
    static void forHumans(StringBuilder out, String text) {
        StringBuilder clean = new StringBuilder(text.length());
        boolean lastSpace = true;
        boolean special = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> {
                }
                case ' ', '\t', '\r' -> {
                    if (!lastSpace) {
                        clean.append(' ');
                    }
                    lastSpace = true;
                }
                default -> {
                    if (c == '"' || c == '\\' || c >= 0x80) {
                        special = true;
                    }
                    clean.append(c);
                    lastSpace = false;
                }
            }
        }
        if (lastSpace && !clean.isEmpty()) {
            clean.setLength(clean.length() - 1);
        }
        String result = clean.toString();
        if (result.isEmpty()) {
            out.append("\"\"");
        } else if (!special && result.equals(text)) {
            out.append('"').append(result).append('"');
        } else {
            literal(out, result);
        }
    }

    /** Appends {@code {n}CRLF} and the text, n being its length in UTF-8 octets. */
    static void literal(StringBuilder out, String text) {
        out.append('{').append(text.getBytes(StandardCharsets.UTF_8).length).append("}\r\n").append(text);
    }
}
