package org.postilion.connector.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Counting hops: header fields only, any case, not continuation lines or the body, and never past the limit. */
class HopCountTest {

    @Test
    void countsReceivedFieldsOfTheHeaderOnly() {
        assertEquals(3, count("Received: a\r\n\tfrom b\r\nRECEIVED: c\r\nX-Received: d\r\nreceived:e\r\n"
                + "Subject: s\r\n\r\nReceived: in the body\r\n", 50));
        assertEquals(0, count("\r\nReceived: body only\r\n", 50));
        assertEquals(1, count("Received: bare LF\nSubject: x\n\nReceived: body\n", 50));
    }

    @Test
    void stopsAtTheLimitAndOnTruncatedInput() {
        assertEquals(5, count("Received: x\r\n".repeat(100_000), 5));
        assertEquals(2, count("Received: x\r\nReceived: no line end", 50));
        assertEquals(0, count("Rec", 50));
        assertEquals(0, count("", 50));
    }

    @Test
    void leavesTheBufferAsItWas() {
        ByteBuf data = Unpooled.copiedBuffer("Received: x\r\n\r\nbody", StandardCharsets.US_ASCII);
        data.readerIndex(0);
        HopCount.received(data, 50);
        assertEquals(0, data.readerIndex());
        data.release();
    }

    private static int count(String text, int max) {
        ByteBuf data = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        try {
            return HopCount.received(data, max);
        } finally {
            data.release();
        }
    }
}
