/*
 * SmtpLoad: a bounded SMTP load generator for loopback benchmarks (single file, Java 17, no dependencies).
 *
 *   java bench/SmtpLoad.java --port 2725 -n 3000 -s 10240 -c 20 --to 'user{1..20}@bench.test' \
 *        [--count-cmd 'SHELL COMMAND PRINTING A NUMBER'] [--label NAME]
 *
 * What it does. C sessions (one thread and one TCP connection each, reused for many messages) send N
 * messages between them: EHLO once, then per message MAIL FROM, RCPT TO (the recipients rotate over the
 * --to list by message number), DATA, the message, "." - plain command/reply, no PIPELINING, no RSET except
 * to recover after a refused command. Each message is a realistic RFC 5322 message of exactly S octets
 * (headers + a text body of lines of at most 78 characters, CRLF line ends; some body lines start with "."
 * and are dot-stuffed on the wire, which adds one octet per such line to the transfer, not to S).
 *
 * What it measures.
 *   - wall time from the first connect to the last "250" after DATA, and accepted messages per second;
 *   - per message, the DATA-to-250 latency: from writing the final ".\r\n" to reading the complete reply;
 *     p50/p90/p99/max by an exact sort of all samples (nearest-rank);
 *   - failed transactions: every reply that is not 2xx/3xx, counted by command and code (e.g. "DATA-end 451"),
 *     and connections that broke;
 *   - with --count-cmd: end to end. The command (run with /bin/sh -c) prints the number of delivered messages;
 *     it is run once before the first connect (baseline), then, after the last message was accepted, every
 *     --poll-ms (100) until it shows N more than the baseline or --e2e-timeout passes. End-to-end rate =
 *     N / (time from the first connect to the end of the first poll that saw all N delivered). The poll does
 *     not run while messages are being sent, so that it does not compete with the server for the CPU. When
 *     some messages were refused, it waits (60 s at most) for the accepted ones and reports no rate
 *     (e2e_msg_s=INCOMPLETE).
 *
 * Limits. The host must resolve to loopback addresses only (127.0.0.0/8, ::1); N <= 200000; C <= 1000;
 * S <= 10 MiB; --max-seconds (600) bounds the whole run: when it passes, the sessions are closed, what was
 * measured so far is printed and the program exits. Sockets time out after --socket-timeout (60 s).
 *
 * Output: a human-readable summary on stdout, then one last line
 *   RESULT smtpload label=... n=... size=... conc=... accepted=... failed=... wall_s=... accept_msg_s=...
 *          p50_ms=... p90_ms=... p99_ms=... max_ms=... [e2e_msg_s=... e2e_s=... delivered=...]
 * Exit status: 0 if every message was accepted (and, with --count-cmd, delivered in time); 1 otherwise;
 * 2 for bad arguments.
 */

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

public final class SmtpLoad {

    static final int MAX_MESSAGES = 200_000;
    static final int MAX_SESSIONS = 1000;
    static final int MAX_SIZE = 10 * 1024 * 1024;

    // ---- options -------------------------------------------------------------------------------------
    String host = "127.0.0.1";
    int port = 2525;
    int messages = 1000;
    int size = 10 * 1024;
    int sessions = 20;
    String from = "loadgen@bench.example";
    List<String> recipients = List.of("user1@bench.test");
    String helo = "loadgen.bench.example";
    /** "user:password" for AUTH PLAIN after EHLO (submission), or null. */
    String auth;
    String label = "smtp";
    String countCmd;
    int pollMs = 100;
    int e2eTimeoutS = 300;
    int maxSeconds = 600;
    int socketTimeoutMs = 60_000;
    long seed = 1;
    boolean quiet;
    boolean printMessage;

    // ---- state ---------------------------------------------------------------------------------------
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger failedTx = new AtomicInteger();
    final AtomicInteger brokenConnections = new AtomicInteger();
    final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    final AtomicLong lastAcceptNanos = new AtomicLong();
    long[] latencies; // nanos per message index; -1 = not accepted
    volatile boolean stop;
    final List<Socket> openSockets = new ArrayList<>();
    long startNanos;
    BodyPool pool;

    public static void main(String[] args) throws Exception {
        SmtpLoad load = new SmtpLoad();
        try {
            load.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("SmtpLoad: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
        if (load.printMessage) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            new BodyPool(load.seed).message(b, 0, load.from, load.recipients.get(0), load.size);
            System.out.write(b.toByteArray());
            System.out.flush();
            return;
        }
        System.exit(load.run());
    }

    static final String USAGE = """
            usage: java SmtpLoad.java [options]
              --host H            server, loopback only (127.0.0.1)
              --port P            SMTP port (2525)
              -n N                messages in all, <= 200000 (1000)
              -s S                octets per message, headers included; suffix k = 1024 (10k)
              -c C                concurrent sessions, one connection each (20)
              --from ADDR         envelope sender and From: (loadgen@bench.example)
              --to LIST           recipients, rotated per message: comma list, {a..b} ranges expanded
                                  ('user{1..20}@bench.test')
              --helo NAME         EHLO argument (loadgen.bench.example)
              --auth USER:PASS    AUTH PLAIN after EHLO (a submission port; loopback allows it without TLS)
              --count-cmd CMD     end-to-end: shell command printing the number of delivered messages
              --poll-ms MS        poll interval of --count-cmd (100)
              --e2e-timeout S     seconds to wait for delivery after the last acceptance (300)
              --max-seconds S     hard limit on the whole run (600)
              --socket-timeout S  read timeout per reply (60)
              --seed X            body text seed (1)
              --label NAME        name in the RESULT line (smtp)
              --quiet             no progress lines
              --print-message     print message 0 as sent (dot-stuffed, without the final ".") and exit""";

    void parse(String[] a) {
        for (int i = 0; i < a.length; i++) {
            String k = a[i];
            if (k.equals("--quiet")) {
                quiet = true;
                continue;
            }
            if (k.equals("--print-message")) {
                printMessage = true;
                continue;
            }
            if (k.equals("-h") || k.equals("--help")) {
                System.out.println(USAGE);
                System.exit(0);
            }
            if (i + 1 >= a.length) {
                throw new IllegalArgumentException("missing value after " + k);
            }
            String v = a[++i];
            switch (k) {
                case "--host" -> host = v;
                case "--port" -> port = intIn(k, v, 1, 65535);
                case "-n" -> messages = intIn(k, v, 1, MAX_MESSAGES);
                case "-s" -> size = intIn(k, v.toLowerCase(Locale.ROOT).endsWith("k")
                        ? String.valueOf(Long.parseLong(v.substring(0, v.length() - 1)) * 1024) : v, 600, MAX_SIZE);
                case "-c" -> sessions = intIn(k, v, 1, MAX_SESSIONS);
                case "--from" -> from = v;
                case "--to" -> recipients = expand(v);
                case "--helo" -> helo = v;
                case "--auth" -> auth = v;
                case "--count-cmd" -> countCmd = v;
                case "--poll-ms" -> pollMs = intIn(k, v, 10, 10_000);
                case "--e2e-timeout" -> e2eTimeoutS = intIn(k, v, 1, 3600);
                case "--max-seconds" -> maxSeconds = intIn(k, v, 1, 7200);
                case "--socket-timeout" -> socketTimeoutMs = intIn(k, v, 1, 3600) * 1000;
                case "--seed" -> seed = Long.parseLong(v);
                case "--label" -> label = v.replaceAll("\\s", "_");
                default -> throw new IllegalArgumentException("unknown option " + k);
            }
        }
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("--to gives no recipient");
        }
        for (String r : recipients) {
            if (!r.matches("[^\\s<>@]+@[^\\s<>@]+")) {
                throw new IllegalArgumentException("not an address: " + r);
            }
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot resolve " + host + ": " + e.getMessage());
        }
        for (InetAddress ia : addresses) {
            if (!ia.isLoopbackAddress()) {
                throw new IllegalArgumentException("refusing non-loopback host " + host + " (" + ia.getHostAddress()
                        + "): this tool only targets 127.0.0.0/8 or ::1");
            }
        }
    }

    static int intIn(String k, String v, int min, int max) {
        long x;
        try {
            x = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(k + ": not a number: " + v);
        }
        if (x < min || x > max) {
            throw new IllegalArgumentException(k + " must be in [" + min + ", " + max + "], got " + v);
        }
        return (int) x;
    }

    /** "user{1..3}@d,x@e" -> user1@d, user2@d, user3@d, x@e. */
    static List<String> expand(String list) {
        List<String> out = new ArrayList<>();
        for (String part : list.split(",")) {
            part = part.trim();
            if (part.isEmpty()) {
                continue;
            }
            var m = java.util.regex.Pattern.compile("\\{(\\d+)\\.\\.(\\d+)}").matcher(part);
            if (m.find()) {
                int a = Integer.parseInt(m.group(1));
                int b = Integer.parseInt(m.group(2));
                if (b < a || b - a > 100_000) {
                    throw new IllegalArgumentException("bad range in " + part);
                }
                for (int i = a; i <= b; i++) {
                    out.addAll(expand(part.substring(0, m.start()) + i + part.substring(m.end())));
                }
            } else {
                out.add(part);
            }
        }
        return out;
    }

    // ---- the run -------------------------------------------------------------------------------------

    int run() throws Exception {
        latencies = new long[messages];
        Arrays.fill(latencies, -1);
        pool = new BodyPool(seed);
        long hardDeadline = System.nanoTime() + maxSeconds * 1_000_000_000L;

        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(maxSeconds * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("SmtpLoad: --max-seconds " + maxSeconds + " reached, stopping");
            stopAll();
            try {
                Thread.sleep(15_000);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("SmtpLoad: still running 15 s after --max-seconds, halting");
            Runtime.getRuntime().halt(1);
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        long baseline = 0;
        if (countCmd != null) {
            baseline = count();
            if (baseline < 0) {
                System.err.println("SmtpLoad: --count-cmd did not print a number before the run");
                return 2;
            }
        }

        System.out.printf(Locale.ROOT, "%s: %d messages of %d octets over %d sessions to %s:%d, %d recipient(s)%n",
                label, messages, size, sessions, host, port, recipients.size());
        startNanos = System.nanoTime();
        int threads = Math.min(sessions, messages);
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            final int id = t;
            workers[t] = new Thread(() -> session(id), "session-" + t);
            workers[t].start();
        }
        Thread progress = null;
        if (!quiet) {
            progress = new Thread(this::progress, "progress");
            progress.setDaemon(true);
            progress.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        if (progress != null) {
            progress.interrupt();
        }
        long endNanos = lastAcceptNanos.get() == 0 ? System.nanoTime() : lastAcceptNanos.get();
        boolean timedOut = stop;

        // ---- end to end ------------------------------------------------------------------------------
        long delivered = -1;
        long deliveredNanos = 0;
        boolean e2eDone = false;
        if (countCmd != null && !stop && accepted.get() > 0) {
            // wait for what was accepted; when some messages were refused, the rate is not reported
            long target = baseline + accepted.get();
            long timeout = accepted.get() == messages ? e2eTimeoutS : Math.min(e2eTimeoutS, 60);
            long deadline = Math.min(System.nanoTime() + timeout * 1_000_000_000L, hardDeadline);
            while (!stop) {
                long c = count();
                long now = System.nanoTime();
                if (c >= 0) {
                    delivered = c - baseline;
                }
                if (c >= target) {
                    deliveredNanos = now;
                    e2eDone = true;
                    break;
                }
                if (now > deadline) {
                    break;
                }
                Thread.sleep(pollMs);
            }
        }
        watchdog.interrupt();

        // ---- report ----------------------------------------------------------------------------------
        long[] lat = Arrays.stream(latencies).filter(x -> x >= 0).sorted().toArray();
        int ok = accepted.get();
        double wall = (endNanos - startNanos) / 1e9;
        double rate = wall > 0 ? ok / wall : 0;
        System.out.printf(Locale.ROOT, "%s: accepted %d of %d in %.3f s = %.1f msg/s%s%n", label, ok, messages, wall,
                rate, timedOut ? " (stopped by --max-seconds)" : "");
        System.out.printf(Locale.ROOT, "%s: DATA-to-250 latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f  (%d samples)%n",
                label, ms(pct(lat, 50)), ms(pct(lat, 90)), ms(pct(lat, 99)), ms(lat.length == 0 ? -1 : lat[lat.length - 1]),
                lat.length);
        System.out.printf(Locale.ROOT, "%s: failed transactions %d, broken connections %d%s%n", label, failedTx.get(),
                brokenConnections.get(), failures.isEmpty() ? "" : " " + new TreeMap<>(failures));
        StringBuilder result = new StringBuilder();
        result.append(String.format(Locale.ROOT,
                "RESULT smtpload label=%s n=%d size=%d conc=%d accepted=%d failed=%d wall_s=%.3f accept_msg_s=%.1f"
                        + " p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f",
                label, messages, size, sessions, ok, failedTx.get(), wall, rate, ms(pct(lat, 50)), ms(pct(lat, 90)),
                ms(pct(lat, 99)), ms(lat.length == 0 ? -1 : lat[lat.length - 1])));
        if (countCmd != null) {
            if (e2eDone && ok == messages) {
                double e2e = (deliveredNanos - startNanos) / 1e9;
                System.out.printf(Locale.ROOT, "%s: delivered %d in %.3f s from the first connect = %.1f msg/s end to end%n",
                        label, delivered, e2e, messages / e2e);
                result.append(String.format(Locale.ROOT, " e2e_msg_s=%.1f e2e_s=%.3f delivered=%d", messages / e2e, e2e,
                        delivered));
            } else if (ok < messages) {
                System.out.printf(Locale.ROOT, "%s: %d of the %d accepted messages delivered; no end-to-end rate"
                        + " since %d were not accepted%n", label, Math.max(delivered, 0), ok, messages - ok);
                result.append(" e2e_msg_s=INCOMPLETE delivered=").append(Math.max(delivered, 0));
            } else {
                System.out.printf(Locale.ROOT, "%s: only %d of %d delivered before the timeout%n", label,
                        Math.max(delivered, 0), messages);
                result.append(" e2e_msg_s=TIMEOUT delivered=").append(Math.max(delivered, 0));
            }
        }
        System.out.println(result);
        System.out.flush();
        boolean success = ok == messages && (countCmd == null || e2eDone);
        return success ? 0 : 1;
    }

    void progress() {
        int last = 0;
        try {
            while (true) {
                Thread.sleep(5000);
                int a = accepted.get();
                System.out.printf(Locale.ROOT, "%s: ... %d accepted (%.0f msg/s over the last 5 s), %d failed%n", label,
                        a, (a - last) / 5.0, failedTx.get());
                last = a;
            }
        } catch (InterruptedException e) {
            // done
        }
    }

    long count() {
        try {
            Process p = new ProcessBuilder("/bin/sh", "-c", countCmd).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            String s = new String(out, StandardCharsets.US_ASCII).trim();
            return s.matches("\\d+") ? Long.parseLong(s) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    synchronized void stopAll() {
        stop = true;
        for (Socket s : openSockets) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length); // nearest rank, 1-based
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    static double ms(long nanos) {
        return nanos < 0 ? -1 : nanos / 1e6;
    }

    // ---- one session ---------------------------------------------------------------------------------

    /** Thrown when the connection is unusable: the session reconnects. */
    static final class Broken extends Exception {
        Broken(String why) {
            super(why);
        }
    }

    void session(int id) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(size + size / 20 + 1024);
        int reconnects = 0;
        int idx = -1; // a message taken but not yet sent, kept across a reconnect
        while (!stop) {
            Socket socket = new Socket();
            try {
                synchronized (this) {
                    if (stop) {
                        return;
                    }
                    openSockets.add(socket);
                }
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(socketTimeoutMs);
                socket.connect(new InetSocketAddress(host, port), socketTimeoutMs);
                Conn c = new Conn(socket);
                expect(c, "greeting", 220);
                c.command("EHLO " + helo);
                expect(c, "EHLO", 250);
                if (auth != null) {
                    int colon = auth.indexOf(':');
                    String plain = "\0" + auth.substring(0, colon) + "\0" + auth.substring(colon + 1);
                    c.command("AUTH PLAIN " + java.util.Base64.getEncoder().encodeToString(
                            plain.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                    expect(c, "AUTH", 235);
                }
                while (!stop) {
                    if (idx < 0) {
                        idx = next.getAndIncrement();
                        if (idx >= messages) {
                            c.command("QUIT");
                            c.reply();
                            return;
                        }
                    }
                    transaction(c, idx, buf);
                    idx = -1;
                }
            } catch (Broken | IOException e) {
                if (stop) {
                    return;
                }
                brokenConnections.incrementAndGet();
                failures.computeIfAbsent("connection " + e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                if (++reconnects > 100) {
                    System.err.println("SmtpLoad: session " + id + " gives up after 100 reconnects: " + e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    return;
                }
            } finally {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
                synchronized (this) {
                    openSockets.remove(socket);
                }
            }
        }
    }

    /** One MAIL/RCPT/DATA transaction; a refused step counts as a failed transaction and is followed by RSET. */
    void transaction(Conn c, int idx, ByteArrayOutputStream buf) throws IOException, Broken {
        String rcpt = recipients.get(idx % recipients.size());
        int code;
        c.command("MAIL FROM:<" + from + ">");
        if ((code = c.reply()) / 100 != 2) {
            fail(c, "MAIL", code);
            return;
        }
        c.command("RCPT TO:<" + rcpt + ">");
        if ((code = c.reply()) / 100 != 2) {
            fail(c, "RCPT", code);
            return;
        }
        c.command("DATA");
        if ((code = c.reply()) != 354) {
            fail(c, "DATA", code);
            return;
        }
        buf.reset();
        pool.message(buf, idx, from, rcpt, size);
        c.out.write(buf.toByteArray());
        c.out.flush();
        long t0 = System.nanoTime();
        c.out.write(END_OF_DATA);
        c.out.flush();
        code = c.reply();
        long t1 = System.nanoTime();
        if (code / 100 == 2) {
            latencies[idx] = t1 - t0;
            accepted.incrementAndGet();
            lastAcceptNanos.accumulateAndGet(t1, Math::max);
        } else {
            failedTx.incrementAndGet();
            failures.computeIfAbsent("DATA-end " + code, k -> new LongAdder()).increment();
            if (code == 421) {
                throw new Broken("421 after DATA");
            }
        }
    }

    void fail(Conn c, String step, int code) throws IOException, Broken {
        failedTx.incrementAndGet();
        failures.computeIfAbsent(step + " " + code, k -> new LongAdder()).increment();
        if (code == 421) {
            throw new Broken("421 at " + step);
        }
        c.command("RSET");
        c.reply();
    }

    static void expect(Conn c, String what, int want) throws IOException, Broken {
        int code = c.reply();
        if (code != want) {
            throw new Broken(what + " answered " + code + " " + c.lastText);
        }
    }

    static final byte[] END_OF_DATA = ".\r\n".getBytes(StandardCharsets.US_ASCII);

    /** A connection: buffered streams, replies parsed (multi-line aware) into their code. */
    static final class Conn {
        final InputStream in;
        final OutputStream out;
        String lastText = "";
        private final StringBuilder line = new StringBuilder();

        Conn(Socket s) throws IOException {
            in = new BufferedInputStream(s.getInputStream(), 8192);
            out = new BufferedOutputStream(s.getOutputStream(), 65536);
        }

        void command(String cmd) throws IOException {
            out.write((cmd + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** Reads one reply, all its lines; returns its code. */
        int reply() throws IOException, Broken {
            while (true) {
                String l = readLine();
                if (l.length() < 3 || !Character.isDigit(l.charAt(0))) {
                    throw new Broken("bad reply line: " + l);
                }
                if (l.length() == 3 || l.charAt(3) == ' ') {
                    lastText = l;
                    return Integer.parseInt(l.substring(0, 3));
                }
            }
        }

        private String readLine() throws IOException, Broken {
            line.setLength(0);
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    int n = line.length();
                    if (n > 0 && line.charAt(n - 1) == '\r') {
                        line.setLength(n - 1);
                    }
                    return line.toString();
                }
                if (line.length() > 4096) {
                    throw new Broken("reply line too long");
                }
                line.append((char) b);
            }
            throw new Broken("connection closed by server");
        }
    }

    // ---- messages ------------------------------------------------------------------------------------

    /**
     * Realistic text: a pool of body lines (words of a small vocabulary, at most 78 characters, some starting
     * with '.'), from which each message takes lines starting at an offset given by its number, so that
     * consecutive messages differ.
     */
    static final class BodyPool {
        static final String[] WORDS = ("the of and to in is that for it as was with be by on not he this are or his"
                + " from at which but have an they you were her she there been one all we their has would when if so"
                + " no will can more out up said about other into than its time only could new them man some these"
                + " then two first may any like now my such make over our even most me state after also made many"
                + " did must before back see through way where get much go well your know should down work year"
                + " because come people just say each those take day good how long very still own find being under"
                + " meeting invoice schedule quarterly report attached please review comments regards thanks server"
                + " queue delivery mailbox message latency throughput benchmark postmaster").split(" ");
        final String[] lines;

        BodyPool(long seed) {
            Random r = new Random(seed);
            lines = new String[4096];
            for (int i = 0; i < lines.length; i++) {
                StringBuilder sb = new StringBuilder();
                int target = 40 + r.nextInt(36); // 40..75 characters
                if (r.nextInt(16) == 0) {
                    sb.append('.'); // a line that needs dot-stuffing
                }
                while (true) {
                    String w = WORDS[r.nextInt(WORDS.length)];
                    int extra = (sb.length() == 0 || sb.charAt(sb.length() - 1) == '.') ? w.length() : w.length() + 1;
                    if (sb.length() + extra > target) {
                        break;
                    }
                    if (extra > w.length()) {
                        sb.append(' ');
                    }
                    sb.append(w);
                }
                if (r.nextInt(5) == 0 && sb.length() < 76) {
                    sb.append('.');
                }
                if (r.nextInt(12) == 0) {
                    sb.setLength(0); // paragraph break
                }
                lines[i] = sb.toString();
            }
        }

        static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

        /** Writes one message of exactly {@code size} octets (before dot-stuffing), dot-stuffed, ending in CRLF. */
        void message(ByteArrayOutputStream out, int idx, String from, String to, int size) {
            StringBuilder h = new StringBuilder(512);
            h.append("Date: ").append(DATE.format(ZonedDateTime.now())).append("\r\n");
            h.append("From: Load Generator <").append(from).append(">\r\n");
            h.append("To: <").append(to).append(">\r\n");
            h.append("Subject: Benchmark message ").append(idx).append(" - ")
                    .append(lines[idx % lines.length].replace(".", "").trim()).append("\r\n");
            int s = h.lastIndexOf("Subject: "); // keep the Subject line within 78 characters
            int e = h.indexOf("\r\n", s);
            if (e - s > 78) {
                h.delete(s + 78, e);
            }
            while (h.charAt(h.length() - 3) == ' ') {
                h.deleteCharAt(h.length() - 3); // no trailing blank before the CRLF
            }
            h.append("Message-ID: <").append(idx).append('.').append(System.nanoTime()).append("@bench.example>\r\n");
            h.append("MIME-Version: 1.0\r\n");
            h.append("Content-Type: text/plain; charset=us-ascii\r\n");
            h.append("Content-Transfer-Encoding: 7bit\r\n");
            h.append("\r\n");
            byte[] head = h.toString().getBytes(StandardCharsets.US_ASCII);
            if (head.length + 2 > size) {
                throw new IllegalStateException("size too small for the headers");
            }
            out.write(head, 0, head.length);
            int remaining = size - head.length; // octets of body still to write, CRLFs included
            int i = (idx * 7919) % lines.length;
            while (remaining > 0) {
                String l = lines[i++ % lines.length];
                int n = l.length() + 2;
                if (remaining - n < 2 && remaining - n != 0) {
                    // the last line: fill exactly what remains (at least CRLF)
                    int chars = remaining - 2;
                    StringBuilder last = new StringBuilder(chars);
                    String src = l.isEmpty() ? "end of message" : l;
                    while (last.length() < chars) {
                        last.append(src.charAt(last.length() % src.length()));
                    }
                    if (chars > 0 && last.charAt(0) == '.') {
                        last.setCharAt(0, 'x');
                    }
                    l = last.toString();
                    n = remaining;
                }
                if (l.startsWith(".")) {
                    out.write('.'); // dot-stuffing (RFC 5321 section 4.5.2): not part of the message
                }
                byte[] b = l.getBytes(StandardCharsets.US_ASCII);
                out.write(b, 0, b.length);
                out.write('\r');
                out.write('\n');
                remaining -= n;
            }
        }
    }
}
