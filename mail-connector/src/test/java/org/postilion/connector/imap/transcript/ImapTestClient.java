package org.postilion.connector.imap.transcript;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small IMAP client for tests that look at what the scripts cannot: literal contents octet for octet, and
 * timing. {@link #command} sends a command and returns the server's response up to its tagged line, literals
 * read whole and inlined.
 */
public final class ImapTestClient implements AutoCloseable {

    private static final Pattern LITERAL = Pattern.compile("~?\\{(\\d+)}$");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int tags;

    public ImapTestClient(InetSocketAddress server) throws IOException {
        socket = new Socket();
        socket.connect(server, 10_000);
        socket.setSoTimeout(20_000);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = socket.getOutputStream();
    }

    /** One response: its lines (a literal's octets are part of the line that announced it). */
    public record Response(List<String> lines, List<byte[]> literals) {
        public String tagged() {
            return lines.get(lines.size() - 1);
        }
    }

    public String greeting() throws IOException {
        return readLine();
    }

    public Response login(String user, String password) throws IOException {
        return command("LOGIN " + user + " \"" + password + "\"");
    }

    /** Sends {@code tag command} and reads up to the tagged response. */
    public Response command(String command) throws IOException {
        String tag = "t" + (++tags);
        send((tag + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        return readUntil(tag);
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads lines (and literals) until the one that starts with {@code tag}. */
    public Response readUntil(String tag) throws IOException {
        List<String> lines = new ArrayList<>();
        List<byte[]> literals = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new IOException("server closed; so far: " + lines);
            }
            StringBuilder whole = new StringBuilder(line);
            Matcher m = LITERAL.matcher(line);
            while (m.find()) {
                byte[] literal = in.readNBytes(Integer.parseInt(m.group(1)));
                literals.add(literal);
                String rest = readLine();
                whole.append("<literal>").append(rest);
                m = LITERAL.matcher(rest);
            }
            lines.add(whole.toString());
            if (line.startsWith(tag + " ")) {
                return new Response(lines, literals);
            }
        }
    }

    /** One line without CRLF; null at the end of the stream. */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
