package org.postilion.mailbox.structure;

/**
 * A cursor over one header value (its folds as LF) with the lexical pieces of RFC 5322 section 3.2 and RFC 2045
 * section 5.1: white space and comments, atoms, MIME tokens, quoted strings, domain literals. White space is SP,
 * TAB, LF and, as Dovecot has it, a CR alone; inside a quoted string a CR is kept and a fold's LF dropped.
 *
 * <p>SECURITY: the input is hostile. Every method advances or returns without advancing, never loops without
 * consuming, and never recurses: nested comments are counted, so a value of 64 KiB of {@code (} costs one pass.
 * Unterminated quoted strings and comments end at the end of the value.
 */
final class Rfc822Lexer {

    private static final String SPECIALS = "()<>[]:;@\\,.\"";
    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    private final String text;
    private int pos;

    Rfc822Lexer(String text) {
        this.text = text;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    /** The next character, or -1 at the end. */
    int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    /** The cursor's position, for {@link #reset}. */
    int mark() {
        return pos;
    }

    /** Moves the cursor back to a position {@link #mark} returned. */
    void reset(int mark) {
        pos = mark;
    }

    void skip() {
        if (pos < text.length()) {
            pos++;
        }
    }

    /** The text of the last comment {@link #lwsp} skipped; "" after {@link #forgetComment}. */
    private String lastComment = "";

    /**
     * Skips white space and comments, remembering the last comment's text.
     *
     * @return -1 when a comment runs to the end unterminated, 0 at the end, 1 when something follows
     */
    int lwsp() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else if (c == '(') {
                int start = pos;
                String comment = comment();
                if (!terminatedComment(start)) {
                    // an unterminated comment names nothing
                    lastComment = "";
                    return -1;
                }
                lastComment = comment;
            } else {
                return 1;
            }
        }
        return 0;
    }

    String lastComment() {
        return lastComment;
    }

    void forgetComment() {
        lastComment = "";
    }

    /** Whether the comment read from {@code start} to the cursor ended with its closing parenthesis. */
    private boolean terminatedComment(int start) {
        int depth = 0;
        for (int i = start; i < pos; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
        }
        return depth == 0;
    }

    /** Whether {@code c} may be part of an atom: RFC 5322 atext, and any non-ASCII character. */
    static boolean isAtext(int c) {
        return c > ' ' && c != 0x7f && SPECIALS.indexOf(c) < 0;
    }

    /** Skips white space and comments; returns the text of the last comment skipped, or null. */
    String skipCfws() {
        String comment = null;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else if (c == '(') {
                comment = comment();
            } else {
                break;
            }
        }
        return comment;
    }

    /** At a {@code (}: reads the (possibly nested) comment and returns its text without the outer parentheses. */
    private String comment() {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                out.append(text.charAt(pos++));
                continue;
            }
            if (c == '(') {
                if (depth++ == 0) {
                    continue;
                }
            } else if (c == ')') {
                if (--depth == 0) {
                    break;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * An atom ({@code atext}, and any non-ASCII character); "" when none starts here.
     *
     * @param dots whether dots belong to it (a word of an obsolete phrase such as {@code John Q. Public})
     */
    String atom(boolean dots) {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c <= ' ' || c == 0x7f || (SPECIALS.indexOf(c) >= 0 && !(dots && c == '.'))) {
                break;
            }
            pos++;
        }
        return text.substring(start, pos);
    }

    /** A MIME token (RFC 2045: any CHAR but SPACE, CTLs and tspecials; non-ASCII is let through); "" when none. */
    String token() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c <= ' ' || c == 0x7f || TSPECIALS.indexOf(c) >= 0) {
                break;
            }
            pos++;
        }
        return text.substring(start, pos);
    }

    /** The characters up to (not including) the first of {@code stops}, or to the end. */
    String runTo(String stops) {
        int start = pos;
        while (pos < text.length() && stops.indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        return text.substring(start, pos);
    }

    /**
     * At a {@code "}: the quoted string's content with its quoted-pairs undone and its folds dropped; null when
     * the value ends before the closing quote (the cursor is then at the end).
     */
    String quoted() {
        StringBuilder out = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                return null;
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                break;
            }
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            if (c != '\n') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** At a {@code [}: the domain literal, brackets included. */
    String domainLiteral() {
        int start = pos;
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                pos++;
            } else if (c == ']') {
                break;
            }
        }
        return text.substring(start, pos);
    }
}
