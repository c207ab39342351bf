package org.postilion.connector.imap.transcript;

import org.postilion.connector.imap.ImapSettings;
import org.postilion.connector.smtp.transcript.TestTls;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * One IMAP transcript script, and the client that plays it against a server over real sockets (as Apache
 * James's mpt scripts are played; the same scripts run in-process and against WildFly). Lines:
 * <pre>
 *   # a comment; blank lines are ignored too
 *   SETTINGS: tls=starttls literalPlus=false   listener settings (before the first step)
 *   C: a LOGIN bob pw          the text, sent with CRLF appended
 *   RAW: a NOOP\r\n            sent as is; escapes \r \n \t \0 \\ \xHH
 *   S: ^a OK .*$               one server line, matched as a Java regex against the whole line (no CRLF)
 *   SUB {                      the S: lines up to "}" come in any order (untagged data of one command)
 *   }
 *   SESSION: other             the following steps use the connection "other", opened (with its greeting
 *                              unread) the first time it is named; the first connection is "main"
 *   DELIVER: user@x INBOX text a message delivered by the store (escapes as in RAW:), as SMTP would
 *   WITHIN: 1000               the next S: line must come within so many milliseconds (default 10 s)
 *   CLOSED                     the server has closed the connection
 *   CLOSE                      the client hangs up
 *   TLS                        the client starts TLS (after STARTTLS's OK)
 *   COMPRESS                   the client starts DEFLATE both ways (after COMPRESS's OK)
 *   SLEEP: 500                 the client sends what is pending and waits
 * </pre>
 * In {@code C:} and {@code RAW:} lines, {@code {{x*3000}}} stands for 3000 times {@code x}. Everything sent
 * between two reads goes out in one write, so consecutive {@code C:} lines are pipelined.
 *
 * <p>Portability: a script runs against WildFly too unless it has SETTINGS other than {@code tls} or a comment
 * line starting {@code # FAKE-ONLY:} (it depends on what only the fake store gives: its MODSEQ numbering,
 * its rendering of ENVELOPE, messages delivered without a {@code Received:} line). Against WildFly, DELIVER
 * goes through SMTP.
 */
public final class ImapTranscript {

    private static final Pattern REPEAT = Pattern.compile("\\{\\{(.)\\*(\\d+)}}");
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    /** How a script's DELIVER step reaches the store (the fake store in-process; SMTP against WildFly). */
    @FunctionalInterface
    public interface Deliverer {
        void deliver(String user, String mailbox, String message) throws IOException;
    }

    private sealed interface Step permits Send, Expect, Unordered, ExpectClosed, Close, Session, StartTls,
            Compress, Sleep, Deliver, Within {
        int line();
    }

    private record Send(int line, byte[] bytes, String shown) implements Step {
    }

    private record Expect(int line, Pattern pattern) implements Step {
    }

    private record Unordered(int line, List<Expect> lines) implements Step {
    }

    private record ExpectClosed(int line) implements Step {
    }

    private record Close(int line) implements Step {
    }

    private record Session(int line, String name) implements Step {
    }

    private record StartTls(int line) implements Step {
    }

    private record Compress(int line) implements Step {
    }

    private record Sleep(int line, long millis) implements Step {
    }

    private record Deliver(int line, String user, String mailbox, String message) implements Step {
    }

    private record Within(int line, long millis) implements Step {
    }

    private final String name;
    private final Map<String, String> settings;
    private final List<Step> steps;

    private final boolean fakeOnly;

    private ImapTranscript(String name, Map<String, String> settings, List<Step> steps, boolean fakeOnly) {
        this.fakeOnly = fakeOnly;
        this.name = name;
        this.settings = settings;
        this.steps = steps;
    }

    public static List<Path> scripts(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".test")).sorted().toList();
        }
    }

    public static ImapTranscript load(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    public static ImapTranscript parse(String name, List<String> lines) {
        Map<String, String> settings = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        List<Expect> group = null;
        int groupLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            String line = lines.get(i);
            String where = name + ":" + n;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (group != null) {
                if (line.strip().equals("}")) {
                    steps.add(new Unordered(groupLine, List.copyOf(group)));
                    group = null;
                } else if (line.startsWith("S:")) {
                    group.add(new Expect(n, regex(argument(line, 2), where)));
                } else {
                    throw new IllegalArgumentException(where + ": only S: lines inside SUB { }");
                }
                continue;
            }
            if (line.startsWith("SETTINGS:")) {
                if (!steps.isEmpty()) {
                    throw new IllegalArgumentException(where + ": SETTINGS must come before the first step");
                }
                for (String setting : line.substring(9).trim().split("\\s+")) {
                    String[] kv = setting.split("=", 2);
                    if (kv.length != 2) {
                        throw new IllegalArgumentException(where + ": expected key=value, got " + setting);
                    }
                    settings.put(kv[0], kv[1]);
                }
            } else if (line.startsWith("C:")) {
                String text = expand(argument(line, 2));
                steps.add(new Send(n, (text + "\r\n").getBytes(StandardCharsets.UTF_8), abbreviate(text)));
            } else if (line.startsWith("RAW:")) {
                String text = expand(argument(line, 4));
                steps.add(new Send(n, unescape(text, where), abbreviate(text)));
            } else if (line.startsWith("S:")) {
                steps.add(new Expect(n, regex(argument(line, 2), where)));
            } else if (line.strip().equals("SUB {")) {
                group = new ArrayList<>();
                groupLine = n;
            } else if (line.startsWith("SESSION:")) {
                steps.add(new Session(n, line.substring(8).strip()));
            } else if (line.startsWith("DELIVER:")) {
                String[] parts = line.substring(8).strip().split(" ", 3);
                if (parts.length != 3) {
                    throw new IllegalArgumentException(where + ": DELIVER: user mailbox message");
                }
                steps.add(new Deliver(n, parts[0], parts[1],
                        new String(unescape(parts[2], where), StandardCharsets.UTF_8)));
            } else if (line.startsWith("WITHIN:")) {
                steps.add(new Within(n, Long.parseLong(line.substring(7).strip())));
            } else if (line.strip().equals("CLOSED")) {
                steps.add(new ExpectClosed(n));
            } else if (line.strip().equals("CLOSE")) {
                steps.add(new Close(n));
            } else if (line.strip().equals("TLS")) {
                steps.add(new StartTls(n));
            } else if (line.strip().equals("COMPRESS")) {
                steps.add(new Compress(n));
            } else if (line.startsWith("SLEEP:")) {
                steps.add(new Sleep(n, Long.parseLong(line.substring(6).strip())));
            } else {
                throw new IllegalArgumentException(where + ": cannot read " + line);
            }
        }
        if (group != null) {
            throw new IllegalArgumentException(name + ": SUB { without }");
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException(name + ": no steps");
        }
        boolean fakeOnly = lines.stream().anyMatch(l -> l.startsWith("# FAKE-ONLY:"));
        return new ImapTranscript(name, settings, steps, fakeOnly);
    }

    public String name() {
        return name;
    }

    /** Whether the script can run against the real server (see the class comment). */
    public boolean portable() {
        return !fakeOnly && settings.keySet().stream().allMatch(k -> k.equals("tls"));
    }

    /**
     * The listener settings the script asks for: {@code defaults} with its SETTINGS applied. Keys: {@code tls}
     * (none, starttls, implicit), {@code plaintextAuthOnLoopback}, {@code literalPlus}, and the limits by their
     * builder names ({@code lineLengthLimit}, {@code literalLimit}, {@code appendLimit}, {@code spoolThreshold},
     * {@code nestingLimit}, {@code argumentLimit}, {@code loginTimeoutMillis}, {@code idleTimeoutMillis},
     * {@code pollIntervalMillis}, {@code authFailureDelayMillis}, {@code authFailuresPerSession}).
     */
    public ImapSettings settings(ImapSettings defaults) {
        ImapSettings.Builder b = defaults.toBuilder();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "tls" -> b.tlsMode(ImapSettings.TlsMode.valueOf(v.toUpperCase(java.util.Locale.ROOT)));
                case "plaintextAuthOnLoopback" -> b.plaintextAuthOnLoopback(Boolean.parseBoolean(v));
                case "literalPlus" -> b.literalPlus(Boolean.parseBoolean(v));
                case "lineLengthLimit" -> b.lineLengthLimit(Integer.parseInt(v));
                case "literalLimit" -> b.literalLimit(Integer.parseInt(v));
                case "appendLimit" -> b.appendLimit(Long.parseLong(v));
                case "spoolThreshold" -> b.spoolThreshold(Integer.parseInt(v));
                case "nestingLimit" -> b.nestingLimit(Integer.parseInt(v));
                case "argumentLimit" -> b.argumentLimit(Integer.parseInt(v));
                case "loginTimeoutMillis" -> b.loginTimeout(Duration.ofMillis(Long.parseLong(v)));
                case "idleTimeoutMillis" -> b.idleTimeout(Duration.ofMillis(Long.parseLong(v)));
                case "pollIntervalMillis" -> b.pollInterval(Duration.ofMillis(Long.parseLong(v)));
                case "authFailureDelayMillis" -> b.authFailureDelay(Duration.ofMillis(Long.parseLong(v)));
                case "authFailuresPerSession" -> b.authFailuresPerSession(Integer.parseInt(v));
                default -> throw new IllegalArgumentException(name + ": unknown setting " + e.getKey());
            }
        }
        return b.build();
    }

    /**
     * Plays the script against the server at {@code server}.
     *
     * @return every line the server sent, in order, over all connections
     * @throws AssertionError when the server does not answer as the script says
     */
    public List<String> run(InetSocketAddress server, Deliverer deliverer) throws IOException {
        return run(server, null, deliverer);
    }

    /**
     * Plays the script with every connection from the local address {@code local} (null: the system's choice),
     * so that a run against a shared server can keep its deliberate login failures apart from other clients
     * (the server counts failures per client address).
     *
     * @return every line the server sent, in order, over all connections
     * @throws AssertionError when the server does not answer as the script says
     */
    public List<String> run(InetSocketAddress server, InetAddress local, Deliverer deliverer) throws IOException {
        StringBuilder log = new StringBuilder();
        List<String> received = new ArrayList<>();
        boolean implicitTls = "implicit".equalsIgnoreCase(settings.get("tls"));
        Map<String, Connection> connections = new HashMap<>();
        String current = "main";
        connections.put(current, Connection.open(server, local, implicitTls));
        long within = READ_TIMEOUT.toMillis();
        try {
            for (Step step : steps) {
                String where = name + ":" + step.line();
                Connection c = connections.get(current);
                if (step instanceof Send send) {
                    requireOpen(c, where).pending.write(send.bytes());
                    log.append('[').append(current).append("] C: ").append(send.shown()).append('\n');
                } else if (step instanceof Expect expect) {
                    String line = read(requireOpen(c, where), where, log, within);
                    within = READ_TIMEOUT.toMillis();
                    received.add(line);
                    log.append('[').append(current).append("] S: ").append(line).append('\n');
                    if (!expect.pattern().matcher(line).matches()) {
                        throw failure(where, "expected /" + expect.pattern() + "/ but got: " + line, log);
                    }
                } else if (step instanceof Unordered group) {
                    List<Expect> open = new ArrayList<>(group.lines());
                    while (!open.isEmpty()) {
                        String line = read(requireOpen(c, where), where, log, within);
                        received.add(line);
                        log.append('[').append(current).append("] S: ").append(line).append('\n');
                        Expect match = open.stream().filter(e -> e.pattern().matcher(line).matches()).findFirst()
                                .orElseThrow(() -> failure(where, "unexpected line in SUB group: " + line
                                        + " (still expected: " + open.stream().map(e -> e.pattern().pattern()).toList()
                                        + ")", log));
                        open.remove(match);
                    }
                    within = READ_TIMEOUT.toMillis();
                } else if (step instanceof ExpectClosed) {
                    String line = requireOpen(c, where).readLine(where, log, READ_TIMEOUT.toMillis());
                    if (line != null) {
                        throw failure(where, "expected the server to close, but got: " + line, log);
                    }
                    log.append('[').append(current).append("] (closed by server)\n");
                } else if (step instanceof Close) {
                    requireOpen(c, where).close();
                    connections.put(current, null);
                    log.append('[').append(current).append("] (client hung up)\n");
                } else if (step instanceof Session s) {
                    current = s.name();
                    if (connections.get(current) == null) {
                        connections.put(current, Connection.open(server, local, implicitTls));
                        log.append('[').append(current).append("] (connected)\n");
                    }
                } else if (step instanceof StartTls) {
                    connections.put(current, requireOpen(c, where).startTls(server));
                    log.append('[').append(current).append("] (TLS)\n");
                } else if (step instanceof Compress) {
                    requireOpen(c, where).compress();
                    log.append('[').append(current).append("] (DEFLATE)\n");
                } else if (step instanceof Sleep sleep) {
                    requireOpen(c, where).flush();
                    try {
                        Thread.sleep(sleep.millis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                } else if (step instanceof Deliver d) {
                    if (c != null) {
                        c.flush();
                    }
                    deliverer.deliver(d.user(), d.mailbox(), d.message());
                    log.append("(delivered to ").append(d.user()).append(' ').append(d.mailbox()).append(")\n");
                } else if (step instanceof Within w) {
                    within = w.millis();
                }
            }
            for (Connection c : connections.values()) {
                if (c != null) {
                    c.flush();
                }
            }
        } finally {
            for (Connection c : connections.values()) {
                if (c != null) {
                    c.close();
                }
            }
        }
        return received;
    }

    private static String read(Connection c, String where, StringBuilder log, long timeout) throws IOException {
        String line = c.readLine(where, log, timeout);
        if (line == null) {
            throw failure(where, "the server closed the connection", log);
        }
        return line;
    }

    private static Connection requireOpen(Connection c, String where) {
        if (c == null) {
            throw new IllegalStateException(where + ": no connection");
        }
        return c;
    }

    private static AssertionError failure(String where, String message, StringBuilder log) {
        return new AssertionError(where + ": " + message + "\n--- transcript so far ---\n" + log);
    }

    private static Pattern regex(String text, String where) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + ": bad regex", e);
        }
    }

    private static String argument(String line, int prefix) {
        String rest = line.substring(prefix);
        return rest.startsWith(" ") ? rest.substring(1) : rest;
    }

    private static String expand(String text) {
        Matcher m = REPEAT.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 100) + "... (" + text.length() + " characters)";
    }

    static byte[] unescape(String text, String where) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (++i >= text.length()) {
                throw new IllegalArgumentException(where + ": lone backslash");
            }
            switch (text.charAt(i)) {
                case 'r' -> out.write('\r');
                case 'n' -> out.write('\n');
                case 't' -> out.write('\t');
                case '0' -> out.write(0);
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException(where + ": unknown escape \\" + text.charAt(i));
            }
        }
        return out.toByteArray();
    }

    /** One client connection. */
    private static final class Connection implements AutoCloseable {

        private final Socket socket;
        private InputStream in;
        private OutputStream out;
        final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        static Connection open(InetSocketAddress server, InetAddress local, boolean tls) throws IOException {
            Socket socket = new Socket();
            if (local != null) {
                socket.bind(new InetSocketAddress(local, 0));
            }
            socket.connect(server, (int) READ_TIMEOUT.toMillis());
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            Connection plain = new Connection(socket);
            return tls ? plain.startTls(server) : plain;
        }

        Connection startTls(InetSocketAddress server) throws IOException {
            flush();
            javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) TestTls.trustingClient().getSocketFactory()
                    .createSocket(socket, server.getHostString(), server.getPort(), true);
            ssl.setSoTimeout((int) READ_TIMEOUT.toMillis());
            ssl.startHandshake();
            return new Connection(ssl);
        }

        void compress() throws IOException {
            flush();
            in = new InflaterInputStream(in, new Inflater(true), 1);
            out = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true), true);
        }

        void flush() throws IOException {
            if (pending.size() > 0) {
                out.write(pending.toByteArray());
                out.flush();
                pending.reset();
            }
        }

        /** Sends what is pending, then reads one line; null when the server closed the connection. */
        String readLine(String where, StringBuilder log, long timeout) throws IOException {
            flush();
            socket.setSoTimeout((int) timeout);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            try {
                while (true) {
                    int b = in.read();
                    if (b < 0) {
                        if (line.size() > 0) {
                            throw failure(where, "the server closed in the middle of a line: "
                                    + line.toString(StandardCharsets.UTF_8), log);
                        }
                        return null;
                    }
                    if (b == '\n') {
                        byte[] bytes = line.toByteArray();
                        if (bytes.length == 0 || bytes[bytes.length - 1] != '\r') {
                            throw failure(where, "line not ended by CRLF: " + line.toString(StandardCharsets.UTF_8), log);
                        }
                        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
                    }
                    line.write(b);
                }
            } catch (SocketTimeoutException e) {
                throw failure(where, "no line within " + timeout + " ms (got so far: "
                        + line.toString(StandardCharsets.UTF_8) + ")", log);
            } catch (SocketException e) {
                if (line.size() > 0) {
                    throw failure(where, "connection reset in the middle of a line: " + e, log);
                }
                return null;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
