package org.postilion.mailbox.structure;

import org.postilion.mailbox.structure.MimeParameters.ContentType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One streaming pass over a message's octets that finds its MIME parts and where each lies.
 *
 * <p>The message is read line by line through a 16 KiB buffer; only the first octets of a line are looked at (a
 * whole header line up to {@link HeaderFields#VALUE_LIMIT}, of a body line only what a boundary test needs), so a
 * line of any length costs no memory. What is kept is the tree of {@link Node}s with their offsets and the
 * Content-* and envelope fields of their headers.
 *
 * <p>Boundaries are recognised as Dovecot's {@code message-parser.c} does: a line that starts with {@code --} and
 * a boundary of any enclosing multipart, the longest one winning, closes every part opened inside that multipart;
 * followed by {@code --} it ends the multipart (what follows is its epilogue). A line need not end right after the
 * boundary (RFC 2046 allows transport padding; Dovecot accepts anything). A boundary line ends a part's header too,
 * when it comes before the empty line. The line end before a boundary line belongs to the boundary (RFC 2046
 * section 5.1.1), so a part's body ends before it.
 *
 * <p>SECURITY: input is hostile. Nothing recurses on the input's structure. Memory is bounded by the limits below
 * whatever the input; time is linear in the input times the nesting depth (each line is compared with at most
 * {@code NESTING_LIMIT} boundaries, each comparison stopping at the line's end).
 *
 * <p>LIMITS (Dovecot's defaults): {@code NESTING_LIMIT} (100) levels of multipart and message/rfc822 nesting,
 * {@code PART_LIMIT} (10000) parts in a message; a container below the nesting limit, or met after the part limit,
 * is an opaque leaf. {@code BOUNDARY_LIMIT} (998) octets of a boundary, the longest line RFC 5322 allows; a longer
 * boundary is treated as missing. Header fields: see {@link HeaderFields} (64 KiB a value, 1 MiB a message).
 */
final class MimeScanner {

    static final int NESTING_LIMIT = 100;
    static final int PART_LIMIT = 10_000;
    static final int BOUNDARY_LIMIT = 998;

    private static final int BODY_LINE_PREFIX = 2 + BOUNDARY_LIMIT + 2;
    private static final int HEADER_LINE_PREFIX = HeaderFields.VALUE_LIMIT + 128;

    /** What a part turned out to be once its header was read. */
    enum Kind {
        /** A part whose body is data: text, image, application, ... */
        LEAF,
        /** multipart/*: its body is split into {@code children} by its boundary. */
        MULTIPART,
        /** message/rfc822 or message/global: its body is the message {@code enclosed}. */
        MESSAGE,
        /** A container the limits did not let us open: shown as application/octet-stream. */
        OPAQUE
    }

    /** One part (or a message: the whole one, or one enclosed in a message/rfc822 part). */
    static final class Node {
        final Node parent;
        final int depth;
        final boolean defaultMessage;
        final HeaderFields fields;
        final long headerStart;
        long bodyStart = -1;
        long bodyEnd = -1;
        long lines;
        Kind kind;
        ContentType contentType;
        final List<Node> children = new ArrayList<>();
        Node enclosed;

        private long lfAtBodyStart;
        /** Whether a boundary line ended this message with an empty body, its header short of a line end. */
        private boolean cutShort;
        private byte[] boundary;
        private boolean ended;

        Node(Node parent, int depth, boolean defaultMessage, boolean envelope, long headerStart,
             HeaderFields.Budget budget) {
            this.parent = parent;
            this.depth = depth;
            this.defaultMessage = defaultMessage;
            this.fields = new HeaderFields(envelope, budget);
            this.headerStart = headerStart;
        }

        /** Whether this is a message (the whole one or an enclosed one) rather than a part of a multipart. */
        boolean isMessage() {
            return parent == null || parent.kind == Kind.MESSAGE;
        }
    }

    private enum Mode { HEADER, BODY }

    private final InputStream in;
    private final byte[] buffer = new byte[16 * 1024];
    private int pos;
    private int limit;
    private long base;
    private long lf;

    // the line just read
    /** Grows up to {@code HEADER_LINE_PREFIX} only when a long header line needs it: most messages never do. */
    private byte[] line = new byte[1024];
    private long lineStart;
    private long lineLength;
    private int copied;
    private int terminator;
    private long lfAtLineStart;

    private final List<Node> multiparts = new ArrayList<>();
    private final HeaderFields.Budget budget = new HeaderFields.Budget(HeaderFields.MESSAGE_LIMIT);
    private int parts;
    private Node current;
    private Mode mode;

    private MimeScanner(InputStream in) {
        this.in = in;
    }

    /** Reads the message to its end and returns its tree. */
    static Node scan(InputStream in) throws IOException {
        return new MimeScanner(in).run();
    }

    private Node run() throws IOException {
        Node root = new Node(null, 0, false, true, 0, budget);
        parts = 1;
        current = root;
        mode = Mode.HEADER;
        int previousTerminator = 0;
        while (readLine(mode == Mode.HEADER ? HEADER_LINE_PREFIX : BODY_LINE_PREFIX)) {
            Node multipart = copied >= 2 && line[0] == '-' && line[1] == '-' ? boundaryOwner() : null;
            if (multipart != null) {
                boundary(multipart, previousTerminator);
            } else if (mode == Mode.HEADER) {
                if (lineLength == 0) {
                    endHeader(current, position(), lf, true);
                } else {
                    current.fields.line(line, copied);
                }
            }
            previousTerminator = terminator;
        }
        long end = position();
        for (Node n = current; n != null; n = n.parent) {
            close(n, end, lf);
        }
        return root;
    }

    /** The octets read so far. */
    long position() {
        return base + pos;
    }

    /** The multipart whose boundary the current line is, the longest match of the innermost first; or null. */
    private Node boundaryOwner() {
        Node best = null;
        for (int i = multiparts.size() - 1; i >= 0; i--) {
            Node m = multiparts.get(i);
            if (m.ended) {
                continue;
            }
            byte[] b = m.boundary;
            if (copied - 2 < b.length || (best != null && best.boundary.length >= b.length)) {
                continue;
            }
            boolean match = true;
            for (int j = 0; j < b.length; j++) {
                if (line[2 + j] != b[j]) {
                    match = false;
                    break;
                }
            }
            if (match) {
                best = m;
            }
        }
        return best;
    }

    /** A boundary line of {@code multipart}: closes what is open inside it, then opens its next part (or ends it). */
    private void boundary(Node multipart, int previousTerminator) {
        long cut = lineStart - previousTerminator;
        long lfAtCut = previousTerminator > 0 ? lfAtLineStart - 1 : lfAtLineStart;
        long floor = cut;
        while (current != multipart) {
            floor = closeAtBoundary(current, cut, lfAtCut, floor);
            current = current.parent;
        }
        while (multiparts.get(multiparts.size() - 1) != multipart) {
            multiparts.remove(multiparts.size() - 1);
        }
        int after = 2 + multipart.boundary.length;
        boolean last = copied >= after + 2 && line[after] == '-' && line[after + 1] == '-';
        // a boundary on the last line, without line end, opens no part (Dovecot)
        if (last || parts >= PART_LIMIT || terminator == 0) {
            multipart.ended = true;
            mode = Mode.BODY;
            return;
        }
        parts++;
        Node child = new Node(multipart, multipart.depth + 1, multipart.contentType.is("multipart", "digest"),
                false, position(), budget);
        multipart.children.add(child);
        current = child;
        mode = Mode.HEADER;
    }

    /**
     * The header of {@code node} ends: its body starts at {@code bodyStart}. Decides what the part is and, when
     * {@code open}, goes on reading its body (its enclosed message's header, its preamble, its data).
     */
    private void endHeader(Node node, long bodyStart, long lfAtBodyStart, boolean open) {
        node.fields.end();
        if (node.isMessage() && !node.fields.hasMimeVersion()
                && node.fields.get(HeaderFields.Name.CONTENT_TYPE) == null) {
            // a message without MIME-Version nor Content-Type is no MIME entity (RFC 2045 section 4)
            node.fields.forgetContentFields();
        }
        node.bodyStart = bodyStart;
        node.lfAtBodyStart = lfAtBodyStart;
        ContentType type = MimeParameters.contentType(node.fields.folded(HeaderFields.Name.CONTENT_TYPE));
        if (type == null) {
            type = node.defaultMessage
                    ? new ContentType("message", "rfc822", List.of())
                    : new ContentType("text", "plain", List.of());
        }
        node.contentType = type;
        boolean roomy = node.depth < NESTING_LIMIT && parts < PART_LIMIT;
        if (type.isType("multipart")) {
            String boundary = type.parameter("boundary");
            if (!roomy || type.subtype().isEmpty()) {
                // a multipart without subtype is opaque data to Dovecot too
                node.kind = Kind.OPAQUE;
            } else {
                node.kind = Kind.MULTIPART;
                if (open && boundary != null && !boundary.isEmpty()) {
                    byte[] b = boundary.getBytes(StandardCharsets.UTF_8);
                    if (b.length <= BOUNDARY_LIMIT) {
                        node.boundary = b;
                        multiparts.add(node);
                    }
                }
            }
            mode = Mode.BODY;
        } else if (type.is("message", "rfc822") || type.is("message", "global")) {
            if (!roomy) {
                node.kind = Kind.OPAQUE;
                mode = Mode.BODY;
            } else {
                node.kind = Kind.MESSAGE;
                parts++;
                node.enclosed = new Node(node, node.depth + 1, false, true, bodyStart, budget);
                if (open) {
                    current = node.enclosed;
                    mode = Mode.HEADER;
                } else {
                    endHeader(node.enclosed, bodyStart, lfAtBodyStart, false);
                    close(node.enclosed, bodyStart, lfAtBodyStart);
                }
            }
        } else {
            node.kind = Kind.LEAF;
            mode = Mode.BODY;
        }
    }

    /**
     * The part ends at a boundary line, where Dovecot ends it:
     * <ul>
     * <li>normally before the line end that precedes the boundary line ({@code cut}), which the boundary owns;</li>
     * <li>a header the boundary cuts short (no empty line) ends there too, without its last line end, its body
     *     empty;</li>
     * <li>a header whose empty line is right before the boundary line ends before that empty line, since its line
     *     end is the one the boundary owns: the part's header is one line end shorter, its body empty;</li>
     * <li>but a message/rfc822 part whose enclosed message ended so (empty body, header cut at the boundary's
     *     line end) ends at the boundary line, that line end included: Dovecot's BODY[n] and size of the part,
     *     while its n.HEADER has no such line end. Its n.TEXT is then that line end, where Dovecot's is empty:
     *     no offsets can give all three as Dovecot does.</li>
     * </ul>
     *
     * @param floor where the part's last closed descendant ended ({@code cut} if none ended later)
     * @return where the part ended
     */
    private long closeAtBoundary(Node node, long cut, long lfAtCut, long floor) {
        if (node.bodyStart < 0) {
            long bodyStart = Math.max(floor, node.headerStart);
            endHeader(node, bodyStart, bodyStart == cut ? lfAtCut : lfAtLineStart, false);
            node.bodyEnd = bodyStart;
            node.lines = 0;
            node.cutShort = true;
            return bodyStart;
        }
        if (node.kind == Kind.MESSAGE && node.enclosed.cutShort && node.enclosed.bodyEnd == floor) {
            node.bodyEnd = Math.max(lineStart, node.bodyStart);
            node.lines = lfAtLineStart - node.lfAtBodyStart;
            return node.bodyEnd;
        }
        if (floor == cut && node.bodyStart > cut) {
            node.bodyStart = cut;
            node.lfAtBodyStart = lfAtCut;
            node.bodyEnd = cut;
            node.lines = 0;
            node.cutShort = true;
            return cut;
        }
        long end = Math.max(floor, node.bodyStart);
        node.bodyEnd = end;
        node.lines = (end == cut ? lfAtCut : lfAtLineStart) - node.lfAtBodyStart;
        return end;
    }

    /**
     * The part ends at {@code end} (its header too, if it was still being read), or where its body starts if that
     * is later.
     *
     * @param lfAtEnd the LFs before {@code end}
     * @return where the part ended
     */
    private long close(Node node, long end, long lfAtEnd) {
        if (node.bodyStart < 0) {
            long bodyStart = Math.max(end, node.headerStart);
            endHeader(node, bodyStart, bodyStart == end ? lfAtEnd : lfAtLineStart, false);
        }
        if (node.kind == Kind.MESSAGE && node.enclosed.bodyEnd < 0) {
            close(node.enclosed, end, lfAtEnd);
        }
        if (node.bodyStart > end) {
            end = node.bodyStart;
            lfAtEnd = node.lfAtBodyStart;
        }
        node.bodyEnd = end;
        node.lines = lfAtEnd - node.lfAtBodyStart;
        return end;
    }

    /**
     * Reads the next line: its first {@code cap} octets into {@link #line}, its length without the line end into
     * {@link #lineLength}, the line end's length (0 at the end of input, 1 for LF, 2 for CRLF) into
     * {@link #terminator}. Only LF ends a line; a CR elsewhere is data.
     *
     * @return false at the end of input with nothing left
     */
    private boolean readLine(int cap) throws IOException {
        lineStart = position();
        lfAtLineStart = lf;
        long length = 0;
        int n = 0;
        int previous = -1;
        while (true) {
            if (pos == limit && !fill()) {
                lineLength = length;
                copied = n;
                terminator = 0;
                return length > 0;
            }
            int i = pos;
            while (i < limit && buffer[i] != '\n') {
                i++;
            }
            int run = i - pos;
            int copy = Math.min(run, cap - n);
            if (n + copy > line.length) {
                line = java.util.Arrays.copyOf(line, Math.min(cap, Math.max(n + copy, 2 * line.length)));
            }
            if (copy > 0) {
                System.arraycopy(buffer, pos, line, n, copy);
                n += copy;
            }
            if (run > 0) {
                previous = buffer[i - 1];
            }
            length += run;
            pos = i;
            if (i < limit) {
                pos++;
                lf++;
                if (previous == '\r') {
                    terminator = 2;
                    length--;
                } else {
                    terminator = 1;
                }
                lineLength = length;
                copied = (int) Math.min(n, length);
                return true;
            }
        }
    }

    private boolean fill() throws IOException {
        base += limit;
        pos = 0;
        limit = 0;
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        limit = n;
        return true;
    }
}
