package org.postilion.connector.smtp.transcript;

import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A bare SMTP client for the Java tests that need what a transcript script cannot express: a chosen local
 * address, timing, a computed SASL exchange, or a look at the raw bytes. Replies are read whole (all lines of a
 * multi-line reply).
 */
public final class SmtpTestClient implements AutoCloseable {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private SmtpTestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects in clear text from 127.0.0.1. */
    public static SmtpTestClient connect(InetSocketAddress server) throws IOException {
        return connect(server, "127.0.0.1");
    }

    /** Connects in clear text from {@code localAddress} (any address of 127.0.0.0/8 works on loopback). */
    public static SmtpTestClient connect(InetSocketAddress server, String localAddress) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(server, (int) READ_TIMEOUT.toMillis());
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        return new SmtpTestClient(socket);
    }

    /** Connects with TLS from the first octet (implicit TLS), trusting the test certificate. */
    public static SmtpTestClient connectTls(InetSocketAddress server) throws IOException {
        SmtpTestClient plain = connect(server);
        return plain.startTls(server);
    }

    /** Wraps this connection in TLS (after STARTTLS's 220, or at once for implicit TLS). */
    public SmtpTestClient startTls(InetSocketAddress server) throws IOException {
        SSLSocket ssl = (SSLSocket) TestTls.trustingClient().getSocketFactory()
                .createSocket(socket, server.getHostString(), server.getPort(), true);
        ssl.setSoTimeout((int) READ_TIMEOUT.toMillis());
        ssl.startHandshake();
        return new SmtpTestClient(ssl);
    }

    /** Sends one line, CRLF appended. */
    public void send(String line) throws IOException {
        sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a line and reads the reply to it. */
    public Reply command(String line) throws IOException {
        send(line);
        return readReply();
    }

    /** Reads one whole reply; fails if the server closes before it is complete. */
    public Reply readReply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new AssertionError("the server closed the connection; reply so far: " + lines);
            }
            lines.add(line);
            if (line.length() < 4 || !line.substring(0, 3).chars().allMatch(Character::isDigit)) {
                throw new AssertionError("not an SMTP reply line: " + line);
            }
            if (line.charAt(3) == ' ') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
    }

    /** One line without its CRLF, or null at the end of the stream (or on a reset). */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
                }
                if (b == '\n') {
                    byte[] bytes = line.toByteArray();
                    int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, end, StandardCharsets.UTF_8);
                }
                line.write(b);
            }
        } catch (SocketException e) {
            return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
        }
    }

    /** Reads everything until the server closes (or the read timeout passes): the raw octets. */
    public byte[] readUntilClosed(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                all.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            // a reset also ends the connection
        }
        return all.toByteArray();
    }

    /** Whether the server has closed the connection: the next read is the end of the stream (or a reset). */
    public boolean isClosedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A whole reply: its code and its lines as sent. */
    public record Reply(int code, List<String> lines) {

        /** The last line, which carries the final text. */
        public String last() {
            return lines.get(lines.size() - 1);
        }

        /** The text of a one-line reply after the code and its space, e.g. a 334 challenge. */
        public String text() {
            return last().substring(4);
        }

        @Override
        public String toString() {
            return String.join("\n", lines);
        }
    }
}
