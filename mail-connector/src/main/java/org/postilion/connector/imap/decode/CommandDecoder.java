package org.postilion.connector.imap.decode;

import io.netty.buffer.ByteBuf;
import org.postilion.connector.imap.ImapSettings;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads IMAP commands from a byte stream, incrementally: whatever arrives, one byte at a time or many commands
 * at once, {@link #next} returns the next event or null when it needs more. Literals are read as they come:
 * a synchronizing literal {@code {n}} is announced as a {@link Continue} (the connection sends
 * {@code + Ready}) only once the line before it has been accepted; a non-synchronizing one {@code {n+}}
 * (LITERAL+/LITERAL-, RFC 7888) and a literal8 {@code ~{n}} (BINARY, RFC 3516) are read at once.
 *
 * <p>SECURITY: memory is bounded by the limits, whatever the client sends. A line longer than the limit is
 * skipped to its end and refused; a literal announced larger than its limit is refused before a byte of it is
 * read (a synchronizing one: the client must not send it) or skipped as it arrives (a non-synchronizing one up
 * to the APPEND limit); a larger non-synchronizing literal cannot be skipped in reasonable time and ends the
 * connection ({@link Rejected#fatal}). APPEND literals beyond the spool threshold go to a temporary file.
 *
 * <p>STANDARDS: RFC 9051 section 4.3 and 9 (literal, literal8), RFC 3501 section 4.3, RFC 7888.
 *
 * <p>LIMITS (from {@link ImapSettings}): line length 64 KiB, literal 64 KiB (non-APPEND) and 1 MiB together,
 * APPEND message 64 MiB and one APPEND command {@value #APPEND_TOTAL_FACTOR} times that, spool threshold
 * 1 MiB, nesting 16, arguments 10000; LITERAL- allows at most {@value #LITERAL_MINUS_LIMIT} octets in a
 * non-synchronizing literal.
 */
public final class CommandDecoder {

    /** The largest non-synchronizing literal under LITERAL- (RFC 7888 section 3). */
    public static final int LITERAL_MINUS_LIMIT = 4096;
    /** All messages of one (MULTI)APPEND together: this many times the APPENDLIMIT. */
    public static final int APPEND_TOTAL_FACTOR = 8;
    private static final int MAX_DIGITS = 19;

    /** What the decoder found. */
    public sealed interface Event permits Command, Continue, Rejected {
    }

    /** A complete command. The caller closes it when done. */
    public record Command(ImapRequest request) implements Event {
    }

    /** A synchronizing literal was accepted: send a continuation request, the client then sends it. */
    public record Continue() implements Event {
    }

    /**
     * A command refused before it was parsed in full.
     *
     * @param tag     the command's tag, or null when none could be read (answer untagged)
     * @param no      whether to answer {@code NO} (a refusal of an acceptable command: APPEND too big) rather
     *                than {@code BAD}
     * @param fatal   whether the stream cannot be resynchronised: answer {@code * BYE} and close
     */
    public record Rejected(String tag, String text, boolean no, boolean fatal) implements Event {
    }

    private enum Mode { LINE, LITERAL, SKIP_LITERAL, SKIP_LINE }

    private final ImapSettings settings;
    private final CommandParser parser;

    private Mode mode = Mode.LINE;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int scanned;
    private int lineTotal;
    private final List<CommandParser.Segment> segments = new ArrayList<>();
    private final List<Literal> literals = new ArrayList<>();
    private long literalTotal;
    private long memoryTotal;
    private Literal literal;
    private long skipRemaining;
    private Rejected doomed;

    public CommandDecoder(ImapSettings settings) {
        this.settings = settings;
        this.parser = new CommandParser(settings.nestingLimit(), settings.argumentLimit());
    }

    /** Whether a command has started (bytes of it were read) but is not complete. */
    public boolean inCommand() {
        return mode != Mode.LINE || lineTotal > 0 || !segments.isEmpty() || scanned > 0;
    }

    /** The next event from {@code in}, consuming what it used; null when it needs more input. */
    public Event next(ByteBuf in) {
        while (true) {
            switch (mode) {
                case LITERAL -> {
                    if (!readLiteral(in)) {
                        return null;
                    }
                }
                case SKIP_LITERAL -> {
                    int n = (int) Math.min(skipRemaining, in.readableBytes());
                    in.skipBytes(n);
                    skipRemaining -= n;
                    if (skipRemaining > 0) {
                        return null;
                    }
                    mode = Mode.LINE;
                }
                case SKIP_LINE -> {
                    int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
                    if (lf < 0) {
                        in.skipBytes(in.readableBytes());
                        return null;
                    }
                    in.readerIndex(lf + 1);
                    Rejected r = doomed;
                    reset();
                    return r;
                }
                case LINE -> {
                    Event e = readLine(in);
                    if (e != null || mode == Mode.LINE) {
                        return e;
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private boolean readLiteral(ByteBuf in) {
        literal.append(in);
        if (!literal.isComplete()) {
            return false;
        }
        literals.add(literal);
        segments.add(new CommandParser.LiteralSegment(literal));
        literal = null;
        mode = Mode.LINE;
        return true;
    }

    /** Reads up to the end of a line; returns an event, or null with the mode changed or more input needed. */
    private Event readLine(ByteBuf in) {
        int start = in.readerIndex();
        int lf = in.indexOf(start + scanned, in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            scanned = in.readableBytes();
            if (lineTotal + scanned > settings.lineLengthLimit()) {
                // keep what names the command, for the tagged answer, and skip the rest of the line
                byte[] head = new byte[Math.min(scanned, 128)];
                in.getBytes(start, head);
                line.write(head, 0, head.length);
                in.skipBytes(scanned);
                return doom(new Rejected(tagOf(), "Command line too long", false, false), Mode.SKIP_LINE);
            }
            return null;
        }
        int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        int length = end - start;
        scanned = 0;
        if (lineTotal + length + 2 > settings.lineLengthLimit()) {
            byte[] head = new byte[Math.min(length, 128)];
            in.getBytes(start, head);
            line.write(head, 0, head.length);
            in.readerIndex(lf + 1);
            Rejected r = new Rejected(tagOf(), "Command line too long", false, false);
            reset();
            return r;
        }
        byte[] text = new byte[length];
        in.readBytes(text);
        in.readerIndex(lf + 1);
        lineTotal += length + 2;
        if (segments.isEmpty() && line.size() == 0) {
            line.writeBytes(text);
        }
        if (doomed != null) {
            return afterDoomedLine(text);
        }
        LiteralMarker marker = LiteralMarker.find(text);
        if (marker == null) {
            segments.add(new CommandParser.TextSegment(text, -1));
            return finish();
        }
        segments.add(new CommandParser.TextSegment(text, marker.start()));
        return beginLiteral(marker);
    }

    private Event beginLiteral(LiteralMarker marker) {
        boolean append = isAppend();
        long limit = append ? settings.appendLimit() : settings.literalLimit();
        if (!marker.synchronizing() && !marker.binary() && !settings.literalPlus()
                && (marker.size() < 0 || marker.size() > LITERAL_MINUS_LIMIT)) {
            // LITERAL-: the client should have sent {n} and waited; the octets come anyway
            return refuseNonSynchronizing(marker, "[TOOBIG] Non-synchronizing literal larger than "
                    + LITERAL_MINUS_LIMIT + " octets", append);
        }
        if (marker.size() < 0 || marker.size() > limit
                || (!append && literalTotal + marker.size() > settings.commandLiteralsLimit())
                || (append && literalTotal + marker.size() > APPEND_TOTAL_FACTOR * settings.appendLimit())) {
            String text = append ? "[TOOBIG] Message larger than the APPENDLIMIT of " + settings.appendLimit() + " octets"
                    : "[TOOBIG] Literal too big";
            if (marker.synchronizing()) {
                // nothing of it was sent: the client gets the answer instead of "+" and the stream goes on
                Rejected r = new Rejected(tagOf(), text, append, false);
                reset();
                return r;
            }
            return refuseNonSynchronizing(marker, text, append);
        }
        literalTotal += marker.size();
        boolean spool = append && (marker.size() > settings.spoolThreshold()
                || memoryTotal + marker.size() > settings.spoolThreshold());
        if (!spool) {
            memoryTotal += marker.size();
        }
        literal = new Literal(marker.size(), marker.binary(), spool);
        mode = Mode.LITERAL;
        return marker.synchronizing() ? new Continue() : null;
    }

    private Event refuseNonSynchronizing(LiteralMarker marker, String text, boolean append) {
        Rejected r = new Rejected(tagOf(), text, append, false);
        if (marker.size() < 0 || marker.size() > settings.appendLimit()) {
            Rejected fatal = new Rejected(tagOf(), text, append, true);
            reset();
            return fatal;
        }
        doomed = r;
        skipRemaining = marker.size();
        mode = Mode.SKIP_LITERAL;
        return null;
    }

    /** A line of a command already refused: skip its literals until the command's last line, then answer. */
    private Event afterDoomedLine(byte[] text) {
        LiteralMarker marker = LiteralMarker.find(text);
        if (marker == null || marker.synchronizing()) {
            // a synchronizing literal is never sent without "+": the command ends here for the client too
            Rejected r = doomed;
            reset();
            return r;
        }
        if (marker.size() < 0 || marker.size() > settings.appendLimit()) {
            Rejected r = new Rejected(doomed.tag(), doomed.text(), doomed.no(), true);
            reset();
            return r;
        }
        skipRemaining = marker.size();
        mode = Mode.SKIP_LITERAL;
        return null;
    }

    private Event doom(Rejected r, Mode next) {
        doomed = r;
        mode = next;
        return null;
    }

    private Event finish() {
        List<CommandParser.Segment> parts = List.copyOf(segments);
        List<Literal> owned = List.copyOf(literals);
        String tag = tagOf();
        segments.clear();
        literals.clear();
        resetCounters();
        try {
            return new Command(parser.parse(parts, owned));
        } catch (CommandParser.SyntaxException e) {
            owned.forEach(Literal::close);
            return new Rejected(e.tag() != null ? e.tag() : tag, e.getMessage(), false, false);
        }
    }

    /** Drops a command in progress (after STARTTLS: nothing sent before the handshake counts). */
    public void reset() {
        segments.clear();
        literals.forEach(Literal::close);
        literals.clear();
        if (literal != null) {
            literal.close();
            literal = null;
        }
        resetCounters();
        mode = Mode.LINE;
        doomed = null;
        skipRemaining = 0;
    }

    private void resetCounters() {
        line.reset();
        scanned = 0;
        lineTotal = 0;
        literalTotal = 0;
        memoryTotal = 0;
    }

    /** Releases what the decoder holds (temporary files). */
    public void release() {
        reset();
    }

    /** The tag of the command in progress, when its first line begins with a valid one. */
    private String tagOf() {
        byte[] first = line.toByteArray();
        int i = 0;
        while (i < first.length && CommandParser.isTagChar(first[i])) {
            i++;
        }
        if (i == 0 || (i < first.length && first[i] != ' ')) {
            return null;
        }
        return new String(first, 0, i, StandardCharsets.US_ASCII);
    }

    private boolean isAppend() {
        byte[] first = line.toByteArray();
        int sp = indexOf(first, (byte) ' ', 0);
        if (sp < 0) {
            return false;
        }
        int end = indexOf(first, (byte) ' ', sp + 1);
        String name = new String(first, sp + 1, (end < 0 ? first.length : end) - sp - 1, StandardCharsets.US_ASCII);
        return name.equalsIgnoreCase("APPEND");
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A literal announcement at the end of a line: {@code {n}}, {@code {n+}}, {@code ~{n}} or {@code ~{n+}}.
     * A size of -1 stands for one too large to read ({@code {99999999999999999999}}).
     */
    record LiteralMarker(int start, long size, boolean synchronizing, boolean binary) {

        static LiteralMarker find(byte[] text) {
            int n = text.length;
            if (n < 3 || text[n - 1] != '}') {
                return null;
            }
            int close = n - 1;
            boolean plus = text[close - 1] == '+';
            int digitsEnd = plus ? close - 1 : close;
            int open = digitsEnd - 1;
            while (open >= 0 && text[open] >= '0' && text[open] <= '9') {
                open--;
            }
            if (open < 0 || text[open] != '{' || open + 1 == digitsEnd) {
                return null;
            }
            boolean binary = open > 0 && text[open - 1] == '~';
            int start = binary ? open - 1 : open;
            if (start > 0 && text[start - 1] != ' ' && text[start - 1] != '(') {
                return null;
            }
            int digits = digitsEnd - open - 1;
            long size;
            if (digits > MAX_DIGITS) {
                size = -1;
            } else {
                size = 0;
                for (int i = open + 1; i < digitsEnd; i++) {
                    size = size * 10 + (text[i] - '0');
                }
                if (size < 0) {
                    size = -1;
                }
            }
            return new LiteralMarker(start, size, !plus, binary);
        }
    }
}
