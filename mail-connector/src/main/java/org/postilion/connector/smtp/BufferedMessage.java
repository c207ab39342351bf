package org.postilion.connector.smtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import org.postilion.connector.spi.MessageContent;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * A received message held in memory: the trace header the server adds, then the data as received.
 * The buffer belongs to the connection, which releases it once the intake has answered.
 */
final class BufferedMessage implements MessageContent {

    private final byte[] header;
    private final ByteBuf data;

    BufferedMessage(byte[] header, ByteBuf data) {
        this.header = header;
        this.data = data;
    }

    @Override
    public long size() {
        return header.length + (long) data.readableBytes();
    }

    @Override
    public InputStream openStream() {
        return new SequenceInputStream(new ByteArrayInputStream(header), new ByteBufInputStream(data.duplicate()));
    }
}
