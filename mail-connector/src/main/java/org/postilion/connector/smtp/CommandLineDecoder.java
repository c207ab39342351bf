package org.postilion.connector.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Cuts SMTP command lines out of the bytes a client sends (RFC 5321 section 2.3.8: lines end in CRLF).
 *
 * <p>Pure: it reads from the buffer it is given and keeps only the state of a line being discarded. A line is
 * returned once its LF has arrived; a line that grows past the limit is reported at once as
 * {@link CommandLine.Problem#TOO_LONG} and the rest of it is skipped, so that no more than {@code limit}
 * octets are ever held for one line. A line ended by a bare LF is reported as
 * {@link CommandLine.Problem#BARE_LF}, never executed.
 *
 * <p>LIMITS: {@code limit} octets per line, not counting the CRLF (default 2048, Postfix's line_length_limit).
 */
public final class CommandLineDecoder {

    private final int limit;
    private boolean discarding;

    public CommandLineDecoder(int limit) {
        if (limit < 512) {
            throw new IllegalArgumentException("RFC 5321 section 4.5.3.1.4 needs command lines of 512 octets");
        }
        this.limit = limit;
    }

    /**
     * Reads the next line from {@code in}, consuming it with its line end.
     *
     * @return the line, or null when {@code in} does not hold a whole line yet (nothing is consumed then,
     *         except the skipped part of an over-long line)
     */
    public CommandLine next(ByteBuf in) {
        while (true) {
            int lf = in.forEachByte(ByteProcessor.FIND_LF);
            if (discarding) {
                if (lf < 0) {
                    in.skipBytes(in.readableBytes());
                    return null;
                }
                in.readerIndex(lf + 1);
                discarding = false;
                continue;
            }
            if (lf < 0) {
                // a line may end in CR whose LF has not arrived; it still counts as limit + 1
                if (in.readableBytes() > limit + 1) {
                    in.skipBytes(in.readableBytes());
                    discarding = true;
                    return CommandLine.problem(CommandLine.Problem.TOO_LONG);
                }
                return null;
            }
            int start = in.readerIndex();
            boolean crlf = lf > start && in.getByte(lf - 1) == '\r';
            int length = lf - start - (crlf ? 1 : 0);
            if (length > limit) {
                in.readerIndex(lf + 1);
                return CommandLine.problem(CommandLine.Problem.TOO_LONG);
            }
            if (!crlf) {
                in.readerIndex(lf + 1);
                return CommandLine.problem(CommandLine.Problem.BARE_LF);
            }
            String text = decode(in, start, length);
            in.readerIndex(lf + 1);
            return text == null ? CommandLine.problem(CommandLine.Problem.BAD_CHARACTERS) : CommandLine.of(text);
        }
    }

    /** The line as UTF-8 text, or null when it holds a NUL, a CR or octets that are not UTF-8. */
    private static String decode(ByteBuf in, int start, int length) {
        if (in.forEachByte(start, length, b -> b != 0 && b != '\r') >= 0) {
            return null;
        }
        if (in.forEachByte(start, length, b -> b >= 0) < 0) {
            return in.toString(start, length, StandardCharsets.US_ASCII);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer bytes = in.nioBufferCount() == 1 ? in.nioBuffer(start, length)
                    : ByteBuffer.wrap(io.netty.buffer.ByteBufUtil.getBytes(in, start, length));
            return utf8.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
