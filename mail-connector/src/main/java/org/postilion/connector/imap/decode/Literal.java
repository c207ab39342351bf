package org.postilion.connector.imap.decode;

import io.netty.buffer.ByteBuf;
import org.postilion.connector.spi.MessageContent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The octets of one literal of a command: in memory when small, else in a temporary file, so that a 50 MB
 * APPEND never sits on the heap. The file is deleted when the command ends ({@link #close}); the store reads
 * the literal through {@link MessageContent} before that.
 *
 * <p>SECURITY: the temporary file is created with {@link Files#createTempFile} (owner-only permissions on POSIX
 * file systems) and its name is random.
 */
public final class Literal implements MessageContent, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Literal.class.getName());

    private final long size;
    private final boolean binary;
    private byte[] bytes;
    private int filled;
    private Path file;
    private OutputStream out;
    private long written;

    /**
     * @param binary whether it was sent as {@code ~{n}} (literal8, RFC 3516): it may hold NUL and any octet
     * @param spool  whether to write it to a temporary file instead of memory
     */
    Literal(long size, boolean binary, boolean spool) {
        this.size = size;
        this.binary = binary;
        if (spool) {
            try {
                file = Files.createTempFile("postilion-imap-", ".literal");
                out = Files.newOutputStream(file);
            } catch (IOException e) {
                close();
                throw new UncheckedIOException("cannot spool an IMAP literal", e);
            }
        } else {
            bytes = new byte[Math.toIntExact(size)];
        }
    }

    /** A literal already complete in memory (tests, and arguments built by hand). */
    public static Literal of(byte[] content) {
        Literal l = new Literal(content.length, false, false);
        System.arraycopy(content, 0, l.bytes, 0, content.length);
        l.filled = content.length;
        return l;
    }

    /** Takes what it misses of the readable octets of {@code in}; returns how many it took. */
    int append(ByteBuf in) {
        int n = (int) Math.min(in.readableBytes(), missing());
        if (bytes != null) {
            in.readBytes(bytes, filled, n);
            filled += n;
        } else {
            try {
                in.readBytes(out, n);
                written += n;
                if (written == size) {
                    out.close();
                    out = null;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot spool an IMAP literal", e);
            }
        }
        return n;
    }

    long missing() {
        return size - (bytes != null ? filled : written);
    }

    public boolean isComplete() {
        return missing() == 0;
    }

    public boolean isBinary() {
        return binary;
    }

    public boolean isSpooled() {
        return file != null;
    }

    /** The octets, when held in memory; null when spooled. */
    byte[] bytesInMemory() {
        return bytes;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputStream openStream() throws IOException {
        if (bytes != null) {
            return new ByteArrayInputStream(bytes);
        }
        if (file == null) {
            throw new IOException("literal already released");
        }
        return Files.newInputStream(file);
    }

    /** Deletes the temporary file, if any. Idempotent. */
    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing a spooled literal", e);
        }
        out = null;
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot delete the spooled literal " + file, e);
            }
            file = null;
        }
    }

    @Override
    public String toString() {
        return "Literal[" + size + " octets" + (file != null ? ", spooled" : "") + "]";
    }
}
