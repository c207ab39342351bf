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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw IMAP client for tests that must see every response line: commands go out as given, with generated
 * tags; responses are read line by line, literals ({@code {n}}) included in the line that announced them.
 */
public final class ImapConversation implements AutoCloseable {

    private static final Pattern LITERAL_AT_END = Pattern.compile("\\{(\\d+)}$");

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int tags;

    /**
     * The response to one command: the untagged lines before it, and the tagged line.
     *
     * @param untagged the lines starting with {@code * } (and {@code + }), literals inlined, without CRLF
     */
    public record Response(List<String> untagged, String tagged) {
        public boolean ok() {
            return tagged.split(" ", 3)[1].equals("OK");
        }

        /** The untagged lines that contain {@code text}. */
        public List<String> lines(String text) {
            return untagged.stream().filter(l -> l.contains(text)).toList();
        }

        @Override
        public String toString() {
            return String.join("\n", untagged) + "\n" + tagged;
        }
    }

    private ImapConversation(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** A connection to the IMAP port; the greeting is read. */
    public static ImapConversation open() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(TestServer.HOST, TestServer.imapPort()), 5000);
        s.setSoTimeout(30_000);
        ImapConversation c = new ImapConversation(s);
        c.readLine();
        return c;
    }

    /** A connection logged in as {@code user}. */
    public static ImapConversation login(String user, String password) throws IOException {
        ImapConversation c = open();
        Response r = c.command("LOGIN " + quote(user) + " " + quote(password));
        if (!r.ok()) {
            throw new IOException("login failed: " + r);
        }
        return c;
    }

    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Sends one command (the tag is added) and reads up to its tagged response. */
    public Response command(String command) throws IOException {
        String tag = "t" + (++tags);
        out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return readUntilTagged(tag);
    }

    /** APPEND with a synchronizing literal: waits for the continuation before sending the message. */
    public Response append(String mailbox, String flags, byte[] message) throws IOException {
        String tag = "t" + (++tags);
        out.write((tag + " APPEND " + quote(mailbox) + (flags == null ? "" : " (" + flags + ")")
                + " {" + message.length + "}\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        String line = readLine();
        if (!line.startsWith("+")) {
            return new Response(List.of(), line);
        }
        out.write(message);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readUntilTagged(tag);
    }

    /** Sends IDLE and waits for the continuation. */
    public String idle() throws IOException {
        String tag = "t" + (++tags);
        out.write((tag + " IDLE\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String line = readLine();
        if (!line.startsWith("+")) {
            throw new IOException("IDLE refused: " + line);
        }
        return tag;
    }

    /** Sends DONE and reads to the IDLE's tagged response. */
    public Response done(String idleTag) throws IOException {
        out.write("DONE\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readUntilTagged(idleTag);
    }

    /** Reads one response line, with any literals it announces inlined. */
    public String readLine() throws IOException {
        StringBuilder line = new StringBuilder(raw());
        Matcher m = LITERAL_AT_END.matcher(line);
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            line.append("\r\n").append(new String(in.readNBytes(n), StandardCharsets.UTF_8));
            line.append(raw());
            m = LITERAL_AT_END.matcher(line);
        }
        return line.toString();
    }

    public void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    private Response readUntilTagged(String tag) throws IOException {
        List<String> untagged = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line.startsWith(tag + " ")) {
                return new Response(untagged, line);
            }
            untagged.add(line);
        }
    }

    private String raw() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + line.toString(StandardCharsets.UTF_8));
            }
            if (b == '\n' && previous == '\r') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
