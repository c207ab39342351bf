package org.postilion.connector.smtp;

import io.netty.buffer.ByteBuf;

/**
 * Reads the message data that follows {@code DATA} (RFC 5321 section 4.1.1.4): removes the dot-stuffing of
 * section 4.5.2 and finds the end-of-data line.
 *
 * <p>Pure and streaming: it consumes what it is given and keeps a few bits of state between calls, so that
 * data split anywhere across reads decodes the same, and memory does not depend on line length.
 *
 * <p>Only {@code <CR><LF>.<CR><LF>} ends the data. A bare LF or a bare CR is passed through but never ends a
 * line (so {@code <LF>.<CR><LF>} is data, not an end), and is reported by {@link #sawBareNewline()} so that
 * the message can be refused: another server would read a different message out of it (SMTP smuggling). A
 * NUL octet is passed through and reported by {@link #sawNul()}.
 *
 * <p>LIMITS: octets beyond {@code maxSize} are counted but not kept ({@link #sizeExceeded()}).
 */
public final class DataDecoder {

    private enum State {
        /** at the start of a line */
        LINE_START,
        /** inside a line */
        IN_LINE,
        /** after a CR inside a line (its LF may be next) */
        CR,
        /** after a dot at the start of a line */
        DOT,
        /** after a dot and a CR at the start of a line: the end, if LF follows */
        DOT_CR
    }

    private final long maxSize;
    private State state = State.LINE_START;
    private long size;
    private boolean bareNewline;
    private boolean nul;

    public DataDecoder(long maxSize) {
        this.maxSize = maxSize;
    }

    /**
     * Decodes message data from {@code in} into {@code out}.
     *
     * @return true when the end-of-data line has been consumed; the bytes after it in {@code in} are the
     *         client's next commands and are left there
     */
    public boolean decode(ByteBuf in, ByteBuf out) {
        while (in.isReadable()) {
            switch (state) {
                case IN_LINE -> {
                    // copy the run of ordinary octets up to the next CR, LF or NUL in one go
                    int end = in.forEachByte(b -> b != '\r' && b != '\n' && b != 0);
                    int runEnd = end < 0 ? in.writerIndex() : end;
                    if (runEnd > in.readerIndex()) {
                        emit(in, runEnd - in.readerIndex(), out);
                        continue;
                    }
                    byte b = in.readByte();
                    if (b == '\r') {
                        state = State.CR;
                    } else if (b == 0) {
                        nul = true;
                        emit(b, out);
                    } else {
                        bareNewline = true;
                        emit((byte) '\n', out);
                    }
                }
                case LINE_START -> {
                    byte b = in.readByte();
                    if (b == '.') {
                        state = State.DOT;
                    } else {
                        state = State.IN_LINE;
                        in.readerIndex(in.readerIndex() - 1);
                    }
                }
                case CR -> {
                    byte b = in.readByte();
                    if (b == '\n') {
                        emit((byte) '\r', out);
                        emit((byte) '\n', out);
                        state = State.LINE_START;
                    } else {
                        bareNewline = true;
                        emit((byte) '\r', out);
                        in.readerIndex(in.readerIndex() - 1);
                        state = State.IN_LINE;
                    }
                }
                case DOT -> {
                    byte b = in.readByte();
                    if (b == '\r') {
                        state = State.DOT_CR;
                    } else {
                        // a leading dot is removed whatever follows it (section 4.5.2)
                        in.readerIndex(in.readerIndex() - 1);
                        state = State.IN_LINE;
                    }
                }
                case DOT_CR -> {
                    byte b = in.readByte();
                    if (b == '\n') {
                        state = State.LINE_START;
                        return true;
                    }
                    // ".<CR>x": the dot goes, the CR was bare
                    bareNewline = true;
                    emit((byte) '\r', out);
                    in.readerIndex(in.readerIndex() - 1);
                    state = State.IN_LINE;
                }
            }
        }
        return false;
    }

    /** Octets of message data so far, after unstuffing, including any beyond the limit. */
    public long size() {
        return size;
    }

    public boolean sizeExceeded() {
        return size > maxSize;
    }

    /** Whether the data held a CR or LF that was not part of a CRLF pair. */
    public boolean sawBareNewline() {
        return bareNewline;
    }

    /** Whether the data held a NUL octet, which DATA cannot carry (RFC 5321 section 4.1.1.4; RFC 3030 for binary). */
    public boolean sawNul() {
        return nul;
    }

    private void emit(ByteBuf in, int length, ByteBuf out) {
        long room = maxSize - size;
        size += length;
        if (room >= length) {
            out.writeBytes(in, length);
        } else {
            if (room > 0) {
                out.writeBytes(in, (int) room);
                in.skipBytes(length - (int) room);
            } else {
                in.skipBytes(length);
            }
        }
    }

    private void emit(byte b, ByteBuf out) {
        if (++size <= maxSize) {
            out.writeByte(b);
        }
    }
}
