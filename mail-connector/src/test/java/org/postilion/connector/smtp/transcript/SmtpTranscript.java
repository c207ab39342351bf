package org.postilion.connector.smtp.transcript;

import org.postilion.connector.smtp.SmtpSettings;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * One SMTP transcript script, and the client that plays it against a server over a real socket (as Apache
 * James's mpt scripts are played). A script is a text file of lines:
 * <pre>
 *   # a comment; blank lines are ignored too
 *   SETTINGS: hardErrorLimit=3 messageSizeLimit=65536   listener settings (before the first step)
 *   C: MAIL FROM:&lt;a@b.example&gt;    the text, sent with CRLF appended
 *   RAW: NOOP\n                       sent as is, without CRLF; escapes \r \n \t \0 \\ \xHH
 *   S: ^250 2\.1\.0 Ok$               one reply line, matched as a Java regex against the whole line
 *   ACCEPTED: 1                       the server has handed over exactly this many messages so far
 *   CLOSED                            the server has closed the connection (end of stream or reset)
 *   CLOSE                             the client hangs up
 *   CONNECT                           the client opens a new connection (the first one is opened at the start)
 *   TLS                               the client starts TLS on the connection (after STARTTLS's 220)
 *   SLEEP: 1500                       the client sends what is pending and waits (milliseconds)
 * </pre>
 * In {@code C:} and {@code RAW:} lines, {@code {{x*3000}}} stands for 3000 times the character {@code x}.
 *
 * <p>Everything sent between two reads goes out in ONE write: consecutive {@code C:} lines are a pipelined
 * group (RFC 2920), and a script that wants the server to see them one at a time reads a reply in between.
 * Reply lines must end in CRLF.
 */
public final class SmtpTranscript {

    private static final Pattern REPEAT = Pattern.compile("\\{\\{(.)\\*(\\d+)}}");
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private sealed interface Step permits Send, Expect, ExpectClosed, Close, Connect, Accepted, StartTls, Sleep {
        int line();
    }

    private record Send(int line, byte[] bytes, String shown) implements Step {
    }

    private record Expect(int line, Pattern reply) implements Step {
    }

    private record ExpectClosed(int line) implements Step {
    }

    private record Close(int line) implements Step {
    }

    private record Connect(int line) implements Step {
    }

    private record StartTls(int line) implements Step {
    }

    private record Sleep(int line, long millis) implements Step {
    }

    private record Accepted(int line, int count) implements Step {
    }

    private final String name;
    private final Map<String, String> settings;
    private final List<Step> steps;

    private SmtpTranscript(String name, Map<String, String> settings, List<Step> steps) {
        this.name = name;
        this.settings = settings;
        this.steps = steps;
    }

    /** The scripts ({@code *.test}) of a directory, by name. */
    public static List<Path> scripts(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".test")).sorted().toList();
        }
    }

    public static SmtpTranscript load(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    public static SmtpTranscript parse(String name, List<String> lines) {
        Map<String, String> settings = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("SETTINGS:")) {
                if (!steps.isEmpty()) {
                    throw new IllegalArgumentException(name + ":" + n + ": SETTINGS must come before the first step");
                }
                for (String setting : line.substring(9).trim().split("\\s+")) {
                    String[] kv = setting.split("=", 2);
                    if (kv.length != 2) {
                        throw new IllegalArgumentException(name + ":" + n + ": expected key=value, got " + setting);
                    }
                    settings.put(kv[0], kv[1]);
                }
            } else if (line.startsWith("C:")) {
                String text = expand(argument(line, 2));
                steps.add(new Send(n, (text + "\r\n").getBytes(StandardCharsets.UTF_8), abbreviate(text)));
            } else if (line.startsWith("RAW:")) {
                String text = expand(argument(line, 4));
                steps.add(new Send(n, unescape(text, name + ":" + n), abbreviate(text)));
            } else if (line.startsWith("S:")) {
                try {
                    steps.add(new Expect(n, Pattern.compile(argument(line, 2))));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(name + ":" + n + ": bad regex", e);
                }
            } else if (line.startsWith("ACCEPTED:")) {
                steps.add(new Accepted(n, Integer.parseInt(line.substring(9).trim())));
            } else if (line.strip().equals("CLOSED")) {
                steps.add(new ExpectClosed(n));
            } else if (line.strip().equals("CLOSE")) {
                steps.add(new Close(n));
            } else if (line.strip().equals("CONNECT")) {
                steps.add(new Connect(n));
            } else if (line.strip().equals("TLS")) {
                steps.add(new StartTls(n));
            } else if (line.startsWith("SLEEP:")) {
                steps.add(new Sleep(n, Long.parseLong(line.substring(6).trim())));
            } else {
                throw new IllegalArgumentException(name + ":" + n + ": cannot read " + line);
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException(name + ": no steps");
        }
        return new SmtpTranscript(name, settings, steps);
    }

    public String name() {
        return name;
    }

    /**
     * The listener settings the script asks for: {@code defaults} with the script's SETTINGS applied. Keys:
     * {@code profile} (mx, submission, submissions), {@code tls} (none, starttls, implicit), {@code auth}
     * (true/false: AUTH offered), {@code authRequiresTls}, {@code plaintextAuthOnLoopback}, and the limits by
     * their builder names ({@code idleTimeoutSeconds}, {@code errorDelayMillis}, {@code authFailureDelayMillis}).
     */
    public SmtpSettings settings(SmtpSettings defaults) {
        SmtpSettings.Builder b = defaults.toBuilder();
        String profile = settings.get("profile");
        if (profile != null) {
            SmtpSettings.Builder p = switch (profile) {
                case "mx" -> SmtpSettings.mx(defaults.hostname());
                case "submission" -> SmtpSettings.submission(defaults.hostname());
                case "submissions" -> SmtpSettings.submissions(defaults.hostname());
                default -> throw new IllegalArgumentException(name + ": unknown profile " + profile);
            };
            b = p.errorDelay(defaults.errorDelay()).authFailureDelay(defaults.authFailureDelay());
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "profile" -> {
                }
                case "hostname" -> b.hostname(v);
                case "tls" -> b.tlsMode(SmtpSettings.TlsMode.valueOf(v.toUpperCase(java.util.Locale.ROOT)));
                case "auth" -> b.authOffered(Boolean.parseBoolean(v));
                case "authRequiresTls" -> b.authRequiresTls(Boolean.parseBoolean(v));
                case "plaintextAuthOnLoopback" -> b.plaintextAuthOnLoopback(Boolean.parseBoolean(v));
                case "lineLengthLimit" -> b.lineLengthLimit(Integer.parseInt(v));
                case "messageSizeLimit" -> b.messageSizeLimit(Long.parseLong(v));
                case "recipientLimit" -> b.recipientLimit(Integer.parseInt(v));
                case "idleTimeoutSeconds" -> b.idleTimeout(Duration.ofSeconds(Long.parseLong(v)));
                case "idleTimeoutMillis" -> b.idleTimeout(Duration.ofMillis(Long.parseLong(v)));
                case "hardErrorLimit" -> b.hardErrorLimit(Integer.parseInt(v));
                case "softErrorLimit" -> b.softErrorLimit(Integer.parseInt(v));
                case "errorDelayMillis" -> b.errorDelay(Duration.ofMillis(Long.parseLong(v)));
                case "junkCommandLimit" -> b.junkCommandLimit(Integer.parseInt(v));
                case "authFailureDelayMillis" -> b.authFailureDelay(Duration.ofMillis(Long.parseLong(v)));
                case "authFailuresPerSession" -> b.authFailuresPerSession(Integer.parseInt(v));
                case "maxConnections" -> b.maxConnections(Integer.parseInt(v));
                case "maxConnectionsPerClient" -> b.maxConnectionsPerClient(Integer.parseInt(v));
                default -> throw new IllegalArgumentException(name + ": unknown setting " + e.getKey());
            }
        }
        return b.build();
    }

    /**
     * Plays the script against the server at {@code server}.
     *
     * @param acceptedMessages how many messages the server has handed to its backend so far, for ACCEPTED
     * @return every line the server sent, in order
     * @throws AssertionError when the server does not answer as the script says
     */
    public List<String> run(InetSocketAddress server, IntSupplier acceptedMessages) throws IOException {
        StringBuilder log = new StringBuilder();
        List<String> received = new ArrayList<>();
        boolean implicitTls = "implicit".equalsIgnoreCase(settings.get("tls"));
        Connection c = Connection.open(server, implicitTls);
        try {
            for (Step step : steps) {
                String where = name + ":" + step.line();
                if (step instanceof Send send) {
                    requireOpen(c, where).pending.write(send.bytes());
                    log.append("C: ").append(send.shown()).append('\n');
                } else if (step instanceof Expect expect) {
                    String reply = requireOpen(c, where).readReplyLine(where, log);
                    if (reply == null) {
                        throw failure(where, "expected /" + expect.reply() + "/ but the server closed the connection", log);
                    }
                    received.add(reply);
                    log.append("S: ").append(reply).append('\n');
                    if (!expect.reply().matcher(reply).matches()) {
                        throw failure(where, "expected /" + expect.reply() + "/ but got: " + reply, log);
                    }
                } else if (step instanceof ExpectClosed) {
                    String reply = requireOpen(c, where).readReplyLine(where, log);
                    if (reply != null) {
                        throw failure(where, "expected the server to close, but got: " + reply, log);
                    }
                    log.append("(closed by server)\n");
                } else if (step instanceof Close) {
                    requireOpen(c, where).close();
                    c = null;
                    log.append("(client hung up)\n");
                } else if (step instanceof Connect) {
                    if (c != null) {
                        c.close();
                    }
                    c = Connection.open(server, implicitTls);
                    log.append("(client connected)\n");
                } else if (step instanceof StartTls) {
                    c = requireOpen(c, where).startTls(server);
                    log.append("(TLS ").append(c.protocol()).append(")\n");
                } else if (step instanceof Sleep sleep) {
                    requireOpen(c, where).flush();
                    try {
                        Thread.sleep(sleep.millis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException(e);
                    }
                } else if (step instanceof Accepted accepted) {
                    int actual = acceptedMessages.getAsInt();
                    if (actual != accepted.count()) {
                        throw failure(where, "expected " + accepted.count() + " accepted messages but the backend has "
                                + actual, log);
                    }
                }
            }
            if (c != null) {
                c.flush();
            }
        } finally {
            if (c != null) {
                c.close();
            }
        }
        return received;
    }

    private static Connection requireOpen(Connection c, String where) {
        if (c == null) {
            throw new IllegalStateException(where + ": no connection (CONNECT first)");
        }
        return c;
    }

    private static AssertionError failure(String where, String message, StringBuilder log) {
        return new AssertionError(where + ": " + message + "\n--- transcript so far ---\n" + log);
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

    /** The bytes of a RAW: line: characters as UTF-8, escapes as the octets they name. */
    private static byte[] unescape(String text, String where) {
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
                    if (i + 2 >= text.length()) {
                        throw new IllegalArgumentException(where + ": \\x needs two hex digits");
                    }
                    out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException(where + ": unknown escape \\" + text.charAt(i));
            }
        }
        return out.toByteArray();
    }

    /** One client connection: what is to be sent next, and the server's replies. */
    private static final class Connection implements AutoCloseable {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        static Connection open(InetSocketAddress server, boolean tls) throws IOException {
            Socket socket = new Socket();
            socket.connect(server, (int) READ_TIMEOUT.toMillis());
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            Connection plain = new Connection(socket);
            return tls ? plain.startTls(server) : plain;
        }

        /** Wraps the connection in TLS (after STARTTLS's 220, or at once for implicit TLS); trusts any certificate. */
        Connection startTls(InetSocketAddress server) throws IOException {
            flush();
            javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) TestTls.trustingClient().getSocketFactory()
                    .createSocket(socket, server.getHostString(), server.getPort(), true);
            ssl.setSoTimeout((int) READ_TIMEOUT.toMillis());
            ssl.startHandshake();
            return new Connection(ssl);
        }

        String protocol() {
            return socket instanceof javax.net.ssl.SSLSocket ssl ? ssl.getSession().getProtocol() : "none";
        }

        /** Sends everything pending in one write. */
        void flush() throws IOException {
            if (pending.size() > 0) {
                out.write(pending.toByteArray());
                out.flush();
                pending.reset();
            }
        }

        /** Sends what is pending, then reads one line; null when the server closed the connection. */
        String readReplyLine(String where, StringBuilder log) throws IOException {
            flush();
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
                            throw failure(where, "reply line not ended by CRLF: "
                                    + line.toString(StandardCharsets.UTF_8), log);
                        }
                        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
                    }
                    line.write(b);
                }
            } catch (SocketTimeoutException e) {
                throw failure(where, "no reply within " + READ_TIMEOUT.toSeconds() + " s (got so far: "
                        + line.toString(StandardCharsets.UTF_8) + ")", log);
            } catch (SocketException e) {
                // a reset: the server closed while our data was still unread, which also closes the connection
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
