package org.postilion.connector.smtp;

import io.netty.buffer.ByteBuf;

/**
 * Counts the {@code Received:} fields of a message's header (RFC 5321 section 6.3: a loop shows as a message that
 * has passed through too many hosts). Reads the header section only, up to the first empty line, without moving
 * the buffer's reader index, and stops at the limit, so a hostile header costs no more than the limit's lines.
 */
final class HopCount {

    /** The most hops a message may have made, counting ours (Postfix's {@code hopcount_limit}). */
    static final int LIMIT = 50;

    private static final byte[] RECEIVED = "received:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private HopCount() {
    }

    /** The {@code Received:} fields in the header, counted up to {@code max} (a larger count answers max). */
    static int received(ByteBuf data, int max) {
        int count = 0;
        int i = data.readerIndex();
        int end = data.writerIndex();
        while (i < end && count < max) {
            // i is the start of a line
            if (data.getByte(i) == '\r' || data.getByte(i) == '\n') {
                return count; // the empty line ends the header
            }
            if (startsWithIgnoringCase(data, i, end)) {
                count++;
            }
            int next = data.indexOf(i, end, (byte) '\n');
            if (next < 0) {
                return count;
            }
            i = next + 1;
        }
        return count;
    }

    private static boolean startsWithIgnoringCase(ByteBuf data, int at, int end) {
        if (end - at < RECEIVED.length) {
            return false;
        }
        for (int k = 0; k < RECEIVED.length; k++) {
            byte b = data.getByte(at + k);
            if (b >= 'A' && b <= 'Z') {
                b = (byte) (b + ('a' - 'A'));
            }
            if (b != RECEIVED[k]) {
                return false;
            }
        }
        return true;
    }
}
