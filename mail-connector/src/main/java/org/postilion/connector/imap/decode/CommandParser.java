package org.postilion.connector.imap.decode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the lines and literals of one command into its tag, name and {@link ImapArg}s (Dovecot's
 * {@code imap-parser}): atoms, quoted strings with {@code \"} and {@code \\}, literals, {@code NIL} and nested
 * lists. Inside {@code [...]} an atom takes spaces and parentheses too, so that
 * {@code BODY.PEEK[HEADER.FIELDS (From To)]<0.2048>} is one atom. Pure; every refusal is a
 * {@link SyntaxException} whose message is fit for a {@code BAD}.
 *
 * <p>SECURITY: NUL, other controls and 8-bit octets are refused in atoms and tags; quoted strings may hold
 * UTF-8 (RFC 9051, RFC 6855) but no CR, LF or NUL. Nesting and argument counts are bounded.
 */
final class CommandParser {

    sealed interface Segment permits TextSegment, LiteralSegment {
    }

    /** A line's text without CRLF; {@code markerStart} is where its literal announcement begins, or -1. */
    record TextSegment(byte[] text, int markerStart) implements Segment {
    }

    record LiteralSegment(Literal literal) implements Segment {
    }

    /** A malformed command; {@code tag} when one was read. */
    static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String tag;

        SyntaxException(String tag, String message) {
            super(message, null, false, false);
            this.tag = tag;
        }

        String tag() {
            return tag;
        }
    }

    private final int nestingLimit;
    private final int argumentLimit;

    CommandParser(int nestingLimit, int argumentLimit) {
        this.nestingLimit = nestingLimit;
        this.argumentLimit = argumentLimit;
    }

    /** Whether an octet may be part of a tag: an ASTRING-CHAR other than {@code +}. */
    static boolean isTagChar(byte b) {
        return b > 0x20 && b < 0x7f && b != '(' && b != ')' && b != '{' && b != '%' && b != '*' && b != '"'
                && b != '\\' && b != '+';
    }

    /** Whether an octet may be part of an atom outside brackets (lenient: {@code \}, {@code *}, {@code %} too). */
    static boolean isAtomChar(byte b) {
        return b > 0x20 && b < 0x7f && b != '(' && b != ')' && b != '{' && b != '"';
    }

    /** Parses the segments of one command. */
    ImapRequest parse(List<Segment> segments, List<Literal> literals) throws SyntaxException {
        return new Run(segments, literals).command();
    }

    private final class Run {
        private final List<Segment> segments;
        private final List<Literal> literals;
        private int segment;
        private byte[] text;
        private int marker;
        private int pos;
        private String tag;
        private int count;

        Run(List<Segment> segments, List<Literal> literals) {
            this.segments = segments;
            this.literals = literals;
            TextSegment first = (TextSegment) segments.get(0);
            this.text = first.text();
            this.marker = first.markerStart();
        }

        ImapRequest command() throws SyntaxException {
            if (text.length == 0 && segments.size() == 1) {
                throw new SyntaxException(null, "Empty command line");
            }
            int start = pos;
            while (pos < text.length && isTagChar(text[pos])) {
                pos++;
            }
            if (pos == start || pos >= text.length || text[pos] != ' ') {
                throw new SyntaxException(null, pos == start || pos < text.length && text[pos] != ' '
                        ? "Invalid tag" : "Missing command");
            }
            tag = ascii(start, pos);
            pos++;
            start = pos;
            while (pos < text.length && text[pos] != ' ' && pos != marker) {
                if (!isLetterOrDigit(text[pos])) {
                    throw new SyntaxException(tag, "Invalid command name");
                }
                pos++;
            }
            if (pos == start) {
                throw new SyntaxException(tag, "Missing command");
            }
            String name = ascii(start, pos);
            List<ImapArg> args = new ArrayList<>();
            while (!atEnd()) {
                expectSpace();
                args.add(arg(0));
            }
            return new ImapRequest(tag, name, args, literals);
        }

        private boolean atEnd() {
            return pos >= text.length && segment == segments.size() - 1;
        }

        private void expectSpace() throws SyntaxException {
            if (pos >= text.length || text[pos] != ' ') {
                throw new SyntaxException(tag, "Expected a space between arguments");
            }
            pos++;
            if (pos >= text.length && segment == segments.size() - 1) {
                throw new SyntaxException(tag, "Trailing space");
            }
        }

        private ImapArg arg(int depth) throws SyntaxException {
            if (++count > argumentLimit) {
                throw new SyntaxException(tag, "Too many arguments");
            }
            if (pos >= text.length) {
                throw new SyntaxException(tag, "Missing argument");
            }
            if (pos == marker) {
                return literal();
            }
            byte b = text[pos];
            if (b == '(') {
                if (depth + 1 > nestingLimit) {
                    throw new SyntaxException(tag, "Lists nested too deeply");
                }
                pos++;
                List<ImapArg> items = new ArrayList<>();
                while (true) {
                    if (pos >= text.length) {
                        throw new SyntaxException(tag, "Missing ')'");
                    }
                    if (text[pos] == ')') {
                        pos++;
                        return new ImapArg.ListArg(items);
                    }
                    if (!items.isEmpty()) {
                        expectSpace();
                    }
                    items.add(arg(depth + 1));
                }
            }
            if (b == '"') {
                return quoted();
            }
            if (b == ')') {
                throw new SyntaxException(tag, "Unexpected ')'");
            }
            return atom();
        }

        private ImapArg literal() throws SyntaxException {
            int next = segment + 1;
            if (next >= segments.size() || !(segments.get(next) instanceof LiteralSegment l)) {
                throw new SyntaxException(tag, "Missing literal");
            }
            Literal lit = l.literal();
            byte[] bytes = lit.bytesInMemory();
            if (!lit.isBinary() && bytes != null && contains(bytes, (byte) 0)) {
                throw new SyntaxException(tag, "NUL in a literal (use literal8)");
            }
            segment = next + 1;
            TextSegment t = (TextSegment) segments.get(segment);
            text = t.text();
            marker = t.markerStart();
            pos = 0;
            return new ImapArg.Str(bytes == null ? new byte[0] : bytes, true);
        }

        private ImapArg quoted() throws SyntaxException {
            pos++;
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            while (true) {
                if (pos >= text.length) {
                    throw new SyntaxException(tag, "Unterminated quoted string");
                }
                byte b = text[pos++];
                if (b == '"') {
                    break;
                }
                if (b == '\\') {
                    if (pos >= text.length || (text[pos] != '"' && text[pos] != '\\')) {
                        throw new SyntaxException(tag, "Invalid escape in quoted string");
                    }
                    b = text[pos++];
                } else if (b == 0 || b == '\r' || b == '\n') {
                    throw new SyntaxException(tag, "Invalid character in quoted string");
                }
                out.write(b);
            }
            byte[] bytes = out.toByteArray();
            if (!Utf8.isValid(bytes)) {
                throw new SyntaxException(tag, "Quoted string is not UTF-8");
            }
            return new ImapArg.Str(bytes, false);
        }

        private ImapArg atom() throws SyntaxException {
            int start = pos;
            int brackets = 0;
            while (pos < text.length) {
                byte b = text[pos];
                if (brackets > 0) {
                    if (b == ']') {
                        brackets--;
                    } else if (b == '[') {
                        brackets++;
                    } else if (b < 0x20 || b >= 0x7f || b == '{') {
                        throw new SyntaxException(tag, b < 0 ? "8-bit octet in an atom" : "Invalid character in an atom");
                    }
                    pos++;
                    continue;
                }
                if (b == ' ' || b == ')' || b == '(') {
                    break;
                }
                if (b == '[') {
                    brackets++;
                } else if (!isAtomChar(b)) {
                    throw new SyntaxException(tag, b < 0 ? "8-bit octet in an atom" : b == '"' || b == '{'
                            ? "Invalid character '" + (char) b + "' in an atom" : "Control character in an atom");
                }
                pos++;
            }
            if (brackets > 0) {
                throw new SyntaxException(tag, "Missing ']'");
            }
            if (pos == start) {
                throw new SyntaxException(tag, "Missing argument");
            }
            String value = ascii(start, pos);
            return value.equalsIgnoreCase("NIL") ? new ImapArg.Nil() : new ImapArg.Atom(value);
        }

        private String ascii(int from, int to) {
            return new String(text, from, to - from, StandardCharsets.US_ASCII);
        }
    }

    private static boolean isLetterOrDigit(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '_';
    }

    private static boolean contains(byte[] bytes, byte b) {
        for (byte x : bytes) {
            if (x == b) {
                return true;
            }
        }
        return false;
    }
}
