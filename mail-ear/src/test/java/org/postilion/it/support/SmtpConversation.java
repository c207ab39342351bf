package org.postilion.it.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw SMTP client for tests that must see every reply line: it sends exactly the bytes it is given and
 * reads replies as the server wrote them.
 */
public final class SmtpConversation implements AutoCloseable {

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /** A reply: its code and its lines as received (without CRLF). */
    public record Reply(int code, List<String> lines) {
        public String last() {
            return lines.get(lines.size() - 1);
        }

        @Override
        public String toString() {
            return String.join("\n", lines);
        }
    }

    private SmtpConversation(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static SmtpConversation open(String host, int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(host, port), 5000);
        s.setSoTimeout(30_000);
        return new SmtpConversation(s);
    }

    public static SmtpConversation open() throws IOException {
        return open(TestServer.HOST, TestServer.smtpPort());
    }

    /** A connection from a given local address of 127.0.0.0/8, so that tests can be several clients. */
    public static SmtpConversation openFrom(String localAddress, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(localAddress, 0));
        s.connect(new InetSocketAddress(TestServer.HOST, port), 5000);
        s.setSoTimeout(30_000);
        return new SmtpConversation(s);
    }

    /** An implicit-TLS connection (port 465). */
    public static SmtpConversation openTls(int port) throws IOException {
        return new SmtpConversation(TlsClients.connect(TestServer.HOST, port));
    }

    /** After STARTTLS's 220: continues over TLS. */
    public void startTls() throws IOException {
        socket = TlsClients.upgrade(socket, TestServer.HOST, socket.getPort());
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** AUTH PLAIN with an initial response; returns the reply. */
    public Reply authPlain(String user, String password) throws IOException {
        String token = java.util.Base64.getEncoder().encodeToString(
                ("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return command("AUTH PLAIN " + token);
    }

    /** Sends one command line (CRLF is added) and reads the reply. */
    public Reply command(String line) throws IOException {
        send(line + "\r\n");
        return reply();
    }

    public void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public Reply reply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new IOException("connection closed; reply so far: " + lines);
            }
            lines.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
    }

    /** Sends a whole message after DATA's 354, dot-stuffed, ended by CRLF.CRLF, and reads the reply. */
    public Reply data(String message) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String line : message.split("\r\n", -1)) {
            b.append(line.startsWith(".") ? "." + line : line).append("\r\n");
        }
        b.append(".\r\n");
        send(b.toString());
        return reply();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        return null;
    }

    /** Whether the server has closed the connection (a read returns end of stream). */
    public boolean isClosedByServer() throws IOException {
        return in.read() < 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
