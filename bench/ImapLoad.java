/*
 * ImapLoad: a bounded IMAP load generator for loopback benchmarks (single file, Java 17, no dependencies).
 *
 *   java bench/ImapLoad.java MODE [options]        MODE = mix | select | idle | fill | selftest
 *
 *   java bench/ImapLoad.java fill   --port 2343 --users 'user1@bench.test' -n 10000 -s 10k
 *   java bench/ImapLoad.java select --port 2343 --users 'user1@bench.test' --reps 10
 *   java bench/ImapLoad.java mix    --port 2343 --users 'user{1..20}@bench.test' -c 20 --duration 30
 *   java bench/ImapLoad.java idle   --port 2343 --users 'user{1..20}@bench.test' -c 10000 --hold 60 --deliver \
 *                                   --server-pid 12345
 *
 * What each mode does and measures.
 *   fill    Brings each listed user's mailbox (--mailbox, INBOX) up to -n messages: STATUS MESSAGES first, then
 *           APPENDs of generated realistic RFC 5322 messages of exactly -s octets (Date, From, To, Subject,
 *           Message-ID, some In-Reply-To/References, MIME headers, a text body of lines of at most 78 characters),
 *           70 % of them \Seen, 5 % \Flagged. With LITERAL+ (RFC 7888) the APPENDs are pipelined, --pipeline (64)
 *           messages outstanding, and with MULTIAPPEND (RFC 3502) too, --multiappend (50) messages go in one APPEND;
 *           without LITERAL+ each literal waits for its "+" continuation. -c connections per user append
 *           at once (1), each its share of the messages. Reports messages per second.
 *           It never uses SMTP, so a mailbox can be filled on a server whose SMTP side is not under test.
 *   select  One client: SELECT the mailbox, then UID FETCH 1:* (FLAGS), --reps times (after --warmup-reps that are
 *           not counted; UNSELECT between repetitions when offered). The latency of each step is measured from
 *           writing the command to reading its tagged OK, all untagged data read; prints min/p50/p90/max of both
 *           steps and of their sum: the sum's p50 is the figure the issue's "< 300 ms" target is about.
 *   mix     C clients (one thread and one connection each) log in (LOGIN), SELECT the mailbox, wait for each other,
 *           then run a Thunderbird-like mix of commands, picked at random by --weights, for --duration seconds (or
 *           until --ops commands in all), each client sending its next command as soon as the last one completed
 *           (a closed loop without think time: ops/s is what the server sustains for C busy clients). Per
 *           command: count, ops/s, p50/p90/p99/max latency (tagged response after writing the command), failures
 *           by command and response. The commands:
 *             select             SELECT mailbox                        (reopening the folder)
 *             fetch_flags        FETCH 1:* (FLAGS)                     (flag resynchronisation)
 *             uid_fetch_headers  UID FETCH a:b (UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (...)]), a window
 *                                of --header-window (50) UIDs below a random UID   (the message list)
 *             store_seen         UID STORE u +FLAGS (\Seen), every second one -FLAGS, so that the share of
 *                                unseen messages stays steady          (reading a message)
 *             search_unseen      SEARCH UNSEEN                         (the unread count)
 *             append             APPEND of one -s message              (saving to Sent/Drafts)
 *             store_deleted      UID STORE u +FLAGS.SILENT (\Deleted) of a message this client appended
 *             expunge            EXPUNGE right after store_deleted     (delete): appends and expunges balance,
 *                                so the mailbox keeps its size
 *             idle               IDLE, --idle-hold-ms (0) idling, DONE: the latency counts IDLE to "+" plus
 *                                DONE to the tagged OK, not the hold. The hold is client think time: it
 *                                lowers ops/s for every server alike, hence 0 by default
 *             noop               NOOP (weight 0 unless given)
 *           Several clients may share one mailbox (clients rotate over --users); each expunges only what it
 *           appended. UIDs for random picks come from UIDNEXT (SELECT) and APPENDUID (UIDPLUS); a pick may hit
 *           an expunged UID, which IMAP answers with OK and no data.
 *   idle    C connections (up to 20 000) held by one NIO selector thread, so the client itself stays cheap: each
 *           logs in, SELECTs, sends IDLE; at most --ramp (200) are in that handshake at once. With --source-addrs
 *           K (auto: one per 8 000 connections) they bind 127.0.0.1..127.0.0.K as source addresses so that
 *           ephemeral ports do not run out. When all idle (or --establish-timeout passes, or no session went idle
 *           or failed for 30 s: a server at its connection limit) it waits --settle seconds and, with
 *           --server-pid, measures the server: `jcmd PID GC.run` twice, then `GC.heap_info` (used heap; only when
 *           PID is a JVM, since jcmd's SIGQUIT would end any other process) and the proportional set size (PSS)
 *           of PID and its descendants (any server; Dovecot has a process per session), before the first
 *           connection and now; the difference divided by the idling sessions is heap_per_session_bytes and
 *           pss_per_session_bytes. With --deliver it then APPENDs one message into each distinct user's mailbox
 *           (one extra connection per user) and measures, per IDLE session, the time from writing that APPEND to
 *           reading "* n EXISTS" (p50/p99/max, how many got it within --deliver-timeout). It holds until --hold
 *           seconds after the last session went idle, counts sessions the server closed, then DONE and LOGOUT.
 *   selftest  checks the response reader against split, malformed, oversized, truncated and hostile input.
 *
 * Limits. The host must resolve to loopback addresses only (127.0.0.0/8, ::1); mix: C <= 1000; idle: C <= 20 000;
 * fill: n <= 1 000 000 per user, C <= 64; S <= 10 MiB; a response line (literals excluded) <= 16 MiB; a literal
 * announced by the server <= 1 GiB (literals are counted and skipped, never held). --max-seconds (600) bounds the
 * whole run: when it passes, the connections are closed, what was measured so far is printed and the program
 * exits. Blocking reads time out after --socket-timeout (60 s).
 *
 * Output: a human-readable summary on stdout, then one last line "RESULT imapload mode=... key=value ...".
 * Exit status: 0 when everything succeeded; 1 when some command failed or a target was not reached (idle: not
 * all sessions idling; deliver: not all notified); 2 for bad arguments; 3 when nothing answers on the port or the
 * greeting or LOGIN fails (no usable IMAP server).
 */

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class ImapLoad {

    static final int MAX_MIX_CLIENTS = 1000;
    static final int MAX_IDLE_SESSIONS = 20_000;
    static final int MAX_FILL = 1_000_000;
    static final int MAX_FILL_CONNECTIONS = 64;
    static final int MAX_SIZE = 10 * 1024 * 1024;
    static final int MAX_LINE = 16 * 1024 * 1024;
    static final long MAX_LITERAL = 1L << 30;

    // ---- options -------------------------------------------------------------------------------------
    String mode;
    String host = "127.0.0.1";
    int port = 2343;
    List<String> users = List.of("user1@bench.test");
    String password = "bench-password";
    String mailbox = "INBOX";
    int clients = -1; // per mode default
    int durationS = 30;
    long opsLimit; // 0 = none
    int warmupS;
    Map<String, Integer> weights = defaultWeights();
    int size = 10 * 1024;
    int reps = 10;
    int warmupReps = 2;
    int fillCount = 1000;
    int pipeline = 64;
    int multiappend = 50;
    int holdS = 30;
    boolean deliver;
    int deliverTimeoutS = 30;
    int establishTimeoutS = 300;
    int settleS = 2;
    int ramp = 200;
    int sourceAddrs; // 0 = auto
    long serverPid = -1;
    int headerWindow = 50;
    int idleHoldMs;
    int maxSeconds = 600;
    int socketTimeoutMs = 60_000;
    long seed = 1;
    String label = "imap";
    boolean quiet;

    // ---- state ---------------------------------------------------------------------------------------
    volatile boolean stop;
    final Set<Closeable> open = Collections.newSetFromMap(new ConcurrentHashMap<>());
    final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    BodyPool pool;

    public static void main(String[] args) throws Exception {
        ImapLoad load = new ImapLoad();
        try {
            load.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ImapLoad: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
        System.exit(load.run());
    }

    static final String USAGE = """
            usage: java ImapLoad.java MODE [options]      MODE: mix | select | idle | fill | selftest
              --host H              server, loopback only (127.0.0.1)
              --port P              IMAP port, plain text (2343)
              --users LIST          logins, clients rotate over them: comma list, {a..b} ranges expanded
                                    ('user1@bench.test'; e.g. 'user{1..20}@bench.test')
              --pass PW             password of every user (bench-password)
              --mailbox NAME        mailbox used by every mode (INBOX)
              -c C                  clients: mix (10, <= 1000), idle (100, <= 20000), fill (1); select uses 1
              -s S                  octets per appended message; suffix k = 1024 (10k)
              --label NAME          name in the RESULT line (imap)
              --max-seconds S       hard limit on the whole run (600)
              --socket-timeout S    read timeout of blocking connections (60)
              --seed X              randomness seed (1)
              --quiet               no progress lines
            mix:
              --duration S          measured seconds (30)
              --ops N               stop after N measured commands in all (no limit)
              --warmup S            seconds run before measuring, not counted (0)
              --weights LIST        e.g. select=5,fetch_flags=10,uid_fetch_headers=20,store_seen=25,
                                    search_unseen=10,append=10,expunge=10,idle=10,noop=0 (these are the defaults;
                                    expunge also runs its store_deleted)
              --header-window W     UIDs per uid_fetch_headers (50)
              --idle-hold-ms MS     time idling per idle command (0)
            select:
              --reps R              measured repetitions (10)
              --warmup-reps R       repetitions before, not counted (2)
            fill:
              -n N                  messages each listed user's mailbox should hold (1000, <= 1000000)
              -c C                  connections per user appending at once (1, <= 64; one per 100 messages at most)
              --pipeline K          messages in APPENDs outstanding with LITERAL+ (64)
              --multiappend B       messages per APPEND when the server offers MULTIAPPEND (50; 1 = off)
            idle:
              --hold S              seconds to hold the sessions idle after all are up (30)
              --deliver             append one message per user while they idle; time to "* n EXISTS"
              --deliver-timeout S   wait at most this for every session's EXISTS (30)
              --ramp K              connections in their handshake at once (200)
              --source-addrs K      bind source addresses 127.0.0.1..127.0.0.K (auto: one per 8000 sessions)
              --establish-timeout S give up bringing sessions up after this (300)
              --settle S            wait before measuring the server's memory (2)
              --server-pid PID      measure this server: jcmd GC.run + GC.heap_info, and PSS of its process tree""";

    static Map<String, Integer> defaultWeights() {
        Map<String, Integer> w = new LinkedHashMap<>();
        w.put("select", 5);
        w.put("fetch_flags", 10);
        w.put("uid_fetch_headers", 20);
        w.put("store_seen", 25);
        w.put("search_unseen", 10);
        w.put("append", 10);
        w.put("expunge", 10);
        w.put("idle", 10);
        w.put("noop", 0);
        return w;
    }

    void parse(String[] a) {
        if (a.length == 0 || a[0].equals("-h") || a[0].equals("--help")) {
            System.out.println(USAGE);
            System.exit(a.length == 0 ? 2 : 0);
        }
        mode = a[0];
        if (!List.of("mix", "select", "idle", "fill", "selftest").contains(mode)) {
            throw new IllegalArgumentException("unknown mode " + mode);
        }
        int nFromArgs = -1;
        for (int i = 1; i < a.length; i++) {
            String k = a[i];
            switch (k) {
                case "--quiet" -> {
                    quiet = true;
                    continue;
                }
                case "--deliver" -> {
                    deliver = true;
                    continue;
                }
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    System.exit(0);
                }
                default -> {
                    // an option with a value
                }
            }
            if (i + 1 >= a.length) {
                throw new IllegalArgumentException("missing value after " + k);
            }
            String v = a[++i];
            switch (k) {
                case "--host" -> host = v;
                case "--port" -> port = intIn(k, v, 1, 65535);
                case "--users" -> users = expand(v);
                case "--pass" -> password = v;
                case "--mailbox" -> mailbox = v;
                case "-c" -> clients = intIn(k, v, 1, MAX_IDLE_SESSIONS);
                case "-s" -> size = intIn(k, v.toLowerCase(Locale.ROOT).endsWith("k")
                        ? String.valueOf(Long.parseLong(v.substring(0, v.length() - 1)) * 1024) : v, 600, MAX_SIZE);
                case "-n" -> nFromArgs = intIn(k, v, 0, MAX_FILL);
                case "--duration" -> durationS = intIn(k, v, 1, 7200);
                case "--ops" -> opsLimit = intIn(k, v, 1, Integer.MAX_VALUE);
                case "--warmup" -> warmupS = intIn(k, v, 0, 3600);
                case "--weights" -> weights = parseWeights(v);
                case "--header-window" -> headerWindow = intIn(k, v, 1, 10_000);
                case "--idle-hold-ms" -> idleHoldMs = intIn(k, v, 0, 600_000);
                case "--reps" -> reps = intIn(k, v, 1, 10_000);
                case "--warmup-reps" -> warmupReps = intIn(k, v, 0, 10_000);
                case "--pipeline" -> pipeline = intIn(k, v, 1, 10_000);
                case "--multiappend" -> multiappend = intIn(k, v, 1, 1000);
                case "--hold" -> holdS = intIn(k, v, 0, 86_400);
                case "--deliver-timeout" -> deliverTimeoutS = intIn(k, v, 1, 3600);
                case "--ramp" -> ramp = intIn(k, v, 1, MAX_IDLE_SESSIONS);
                case "--source-addrs" -> sourceAddrs = intIn(k, v, 1, 250);
                case "--establish-timeout" -> establishTimeoutS = intIn(k, v, 1, 7200);
                case "--settle" -> settleS = intIn(k, v, 0, 600);
                case "--server-pid" -> serverPid = intIn(k, v, 1, Integer.MAX_VALUE);
                case "--max-seconds" -> maxSeconds = intIn(k, v, 1, 86_400);
                case "--socket-timeout" -> socketTimeoutMs = intIn(k, v, 1, 3600) * 1000;
                case "--seed" -> seed = Long.parseLong(v);
                case "--label" -> label = v.replaceAll("\\s", "_");
                default -> throw new IllegalArgumentException("unknown option " + k);
            }
        }
        if (nFromArgs >= 0) {
            fillCount = nFromArgs;
        }
        if (clients < 0) {
            clients = mode.equals("idle") ? 100 : mode.equals("mix") ? 10 : 1;
        }
        if (mode.equals("mix") && clients > MAX_MIX_CLIENTS) {
            throw new IllegalArgumentException("mix: -c must be at most " + MAX_MIX_CLIENTS);
        }
        if (mode.equals("fill") && clients > MAX_FILL_CONNECTIONS) {
            throw new IllegalArgumentException("fill: -c must be at most " + MAX_FILL_CONNECTIONS);
        }
        if (users.isEmpty()) {
            throw new IllegalArgumentException("--users gives no user");
        }
        for (String u : users) {
            if (u.isEmpty() || u.chars().anyMatch(ch -> ch <= ' ' || ch == '"' || ch == '\\' || ch > 126)) {
                throw new IllegalArgumentException("not a plain login name: " + u);
            }
        }
        if (password.chars().anyMatch(ch -> ch < ' ' || ch > 126)) {
            throw new IllegalArgumentException("--pass must be printable ASCII");
        }
        if (mailbox.isEmpty() || mailbox.chars().anyMatch(ch -> ch < ' ' || ch > 126)) {
            throw new IllegalArgumentException("--mailbox must be printable ASCII");
        }
        if (weights.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
            throw new IllegalArgumentException("--weights: all weights are 0");
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

    static Map<String, Integer> parseWeights(String v) {
        Map<String, Integer> w = defaultWeights();
        for (String part : v.split(",")) {
            part = part.trim();
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq).trim();
            if (eq < 0 || !w.containsKey(key)) {
                throw new IllegalArgumentException("--weights: expected one of " + w.keySet() + "=N, got " + part);
            }
            w.put(key, intIn("--weights " + key, part.substring(eq + 1), 0, 1_000_000));
        }
        return w;
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
            Matcher m = Pattern.compile("\\{(\\d{1,9})\\.\\.(\\d{1,9})}").matcher(part);
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
        if (mode.equals("selftest")) {
            return SelfTest.run();
        }
        pool = new BodyPool(seed);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(maxSeconds * 1000L);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("ImapLoad: --max-seconds " + maxSeconds + " reached, stopping");
            stopAll();
            try {
                Thread.sleep(15_000);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("ImapLoad: still running 15 s after --max-seconds, halting");
            Runtime.getRuntime().halt(1);
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            return switch (mode) {
                case "fill" -> fill();
                case "select" -> select();
                case "mix" -> mix();
                case "idle" -> new IdleRun().run();
                default -> 2;
            };
        } catch (NoServer e) {
            System.out.println(label + ": no usable IMAP server on " + host + ":" + port + ": " + e.getMessage());
            System.out.println("RESULT imapload mode=" + mode + " label=" + label + " port=" + port
                    + " error=no_server");
            return 3;
        } finally {
            watchdog.interrupt();
        }
    }

    void stopAll() {
        stop = true;
        for (Closeable c : open) {
            try {
                c.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    void fail(String what) {
        failures.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    /** Connects and logs in; a refused connection, a bad greeting or a refused LOGIN mean there is no usable server. */
    Client login(String user, boolean firstOfRun) throws IOException {
        Client c;
        try {
            c = new Client(host, port, socketTimeoutMs, null);
        } catch (ConnectException e) {
            throw new NoServer("connection refused");
        }
        open.add(c);
        try {
            c.greeting();
            Reply r = c.command("LOGIN " + quote(user) + " " + quote(password), null);
            if (!r.ok()) {
                if (firstOfRun) {
                    throw new NoServer("LOGIN " + user + " answered " + r.text);
                }
                throw new Broken("LOGIN " + user + " answered " + r.text);
            }
            if (!c.capsFromLogin) {
                c.command("CAPABILITY", null);
            }
            return c;
        } catch (IOException | RuntimeException e) {
            close(c);
            if (firstOfRun && e instanceof Broken && !(e instanceof NoServer)) {
                throw new NoServer(e.getMessage());
            }
            throw e;
        }
    }

    void close(Client c) {
        if (c != null) {
            open.remove(c);
            c.close();
        }
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    // ---- fill ----------------------------------------------------------------------------------------

    int fill() throws IOException {
        long appended = 0;
        long failed = 0;
        long t0 = System.nanoTime();
        boolean first = true;
        boolean pipelined = false;
        for (String user : new LinkedHashSet<>(users)) {
            if (stop) {
                break;
            }
            Client c = login(user, first);
            first = false;
            try {
                long have = messages(c);
                if (have < 0) {
                    Reply r = c.command("CREATE " + quote(mailbox), null);
                    if (!r.ok()) {
                        throw new Broken("CREATE " + mailbox + " answered " + r.text);
                    }
                    have = 0;
                }
                long need = fillCount - have;
                pipelined = c.caps.contains("LITERAL+") || (c.caps.contains("LITERAL-") && size <= 4096);
                int conns = (int) Math.max(1, Math.min(clients, need / 100));
                System.out.printf(Locale.ROOT, "%s: %s %s holds %d, appending %d of %d octets over %d connection(s)"
                                + " (%s)%n", label, user, mailbox, have, Math.max(0, need), size, conns,
                        (pipelined ? "LITERAL+, " + pipeline + " pipelined" : "synchronising literals, one at a time")
                        + (pipelined && c.caps.contains("MULTIAPPEND") && multiappend > 1 ? ", MULTIAPPEND of "
                        + multiappend : ""));
                if (need <= 0) {
                    continue;
                }
                // the share of connection k: messages [have + k * need / conns, have + (k + 1) * need / conns)
                long[][] results = new long[conns][];
                Thread[] helpers = new Thread[conns - 1];
                for (int k = 1; k < conns; k++) {
                    final int from = (int) (have + k * need / conns);
                    final int count = (int) (have + (k + 1) * need / conns) - from;
                    final int slot = k;
                    final boolean lp = pipelined;
                    helpers[k - 1] = new Thread(() -> {
                        Client h = null;
                        try {
                            h = login(user, false);
                            results[slot] = lp ? fillPipelined(h, user, from, count) : fillSync(h, user, from, count);
                            h.logout();
                        } catch (IOException | RuntimeException e) {
                            fail("fill connection " + e.getClass().getSimpleName());
                            System.out.println(label + ": fill connection " + slot + ": " + e.getMessage());
                        } finally {
                            close(h);
                        }
                    }, "fill-" + k);
                    helpers[k - 1].start();
                }
                int mine = (int) (need / conns);
                results[0] = pipelined ? fillPipelined(c, user, (int) have, mine) : fillSync(c, user, (int) have,
                        mine);
                for (Thread h : helpers) {
                    try {
                        h.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                long refused = 0;
                for (long[] r : results) {
                    if (r != null) {
                        appended += r[0];
                        refused += r[1];
                    }
                }
                failed += refused;
                long now = messages(c);
                if (now >= 0 && now < fillCount && !stop) {
                    System.out.printf(Locale.ROOT, "%s: %s %s holds %d after the fill, not %d%n", label, user,
                            mailbox, now, fillCount);
                    failed += Math.max(0, fillCount - now - refused);
                }
                c.logout();
            } finally {
                close(c);
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double rate = wall > 0 ? appended / wall : 0;
        System.out.printf(Locale.ROOT, "%s: appended %d messages in %.3f s = %.1f msg/s, %d failed%n", label,
                appended, wall, rate, failed);
        printFailures();
        System.out.printf(Locale.ROOT, "RESULT imapload mode=fill label=%s users=%d target=%d size=%d appended=%d"
                        + " failed=%d wall_s=%.3f msg_s=%.1f pipelined=%s%n", label, new LinkedHashSet<>(users).size(),
                fillCount, size, appended, failed, wall, rate, pipelined ? "yes" : "no");
        return failed == 0 && !stop ? 0 : 1;
    }

    /** MESSAGES of the mailbox by STATUS, or -1 when it does not exist. */
    long messages(Client c) throws IOException {
        long[] n = {-1};
        Reply r = c.command("STATUS " + quote(mailbox) + " (MESSAGES)", l -> {
            Matcher m = STATUS_MESSAGES.matcher(l.text);
            if (l.text.startsWith("* STATUS") && m.find()) {
                n[0] = Long.parseLong(m.group(1));
            }
        });
        return r.ok() ? Math.max(n[0], 0) : -1;
    }

    static final Pattern STATUS_MESSAGES = Pattern.compile("MESSAGES (\\d{1,18})", Pattern.CASE_INSENSITIVE);

    static String fillFlags(int idx) {
        boolean seen = idx % 10 < 7;
        boolean flagged = idx % 20 == 3;
        return "(" + (seen ? "\\Seen" : "") + (seen && flagged ? " " : "") + (flagged ? "\\Flagged" : "") + ")";
    }

    long[] fillPipelined(Client c, String user, int base, int need) throws IOException {
        long ok = 0;
        long bad = 0;
        int sent = 0;
        int outstanding = 0; // messages in commands not yet answered
        // MULTIAPPEND (RFC 3502): several messages in one APPEND, which a server may store in one transaction
        // (Dovecot: one fsync per command instead of one per message)
        int batch = c.caps.contains("MULTIAPPEND") ? multiappend : 1;
        Map<String, Integer> tags = new HashMap<>();
        long lastProgress = System.nanoTime();
        ByteArrayOutputStream buf = new ByteArrayOutputStream(size + 64);
        while ((sent < need || outstanding > 0) && !stop) {
            while (sent < need && outstanding + batch <= Math.max(pipeline, batch)) {
                String tag = c.tag();
                int n = Math.min(batch, need - sent);
                c.write(tag + " APPEND " + quote(mailbox));
                for (int k = 0; k < n; k++) {
                    int idx = base + sent + k;
                    buf.reset();
                    pool.message(buf, idx, "sender" + (idx % 37) + "@bench.example", user, size);
                    c.write(" " + fillFlags(idx) + " {" + buf.size() + "+}\r\n");
                    c.writeBytes(buf.toByteArray());
                }
                c.write("\r\n");
                tags.put(tag, n);
                sent += n;
                outstanding += n;
            }
            c.flush();
            Line l = c.next();
            if (l.text.startsWith("* ")) {
                c.track(l);
                if (l.text.startsWith("* BYE")) {
                    throw new Broken("server said " + l.text);
                }
                continue;
            }
            int sp = l.text.indexOf(' ');
            String tag = sp < 0 ? l.text : l.text.substring(0, sp);
            Integer n = tags.remove(tag);
            if (n == null) {
                throw new Broken("unexpected response during APPEND: " + l.text);
            }
            outstanding -= n;
            Reply r = Reply.of(tag, l.text);
            if (r.ok()) {
                ok += n;
            } else {
                bad += n;
                fail("APPEND " + r.status + " " + r.code());
                if (bad <= 3) {
                    System.out.println(label + ": APPEND refused: " + l.text);
                }
            }
            if (!quiet && System.nanoTime() - lastProgress > 5_000_000_000L) {
                lastProgress = System.nanoTime();
                System.out.printf(Locale.ROOT, "%s: ... %s: %d of %d appended%n", label, user, ok, need);
            }
        }
        return new long[] {ok, bad};
    }

    long[] fillSync(Client c, String user, int base, int need) throws IOException {
        long ok = 0;
        long bad = 0;
        long lastProgress = System.nanoTime();
        ByteArrayOutputStream buf = new ByteArrayOutputStream(size + 64);
        for (int i = 0; i < need && !stop; i++) {
            int idx = base + i;
            buf.reset();
            pool.message(buf, idx, "sender" + (idx % 37) + "@bench.example", user, size);
            Reply r = c.append(mailbox, fillFlags(idx), buf.toByteArray(), false);
            if (r.ok()) {
                ok++;
            } else {
                bad++;
                fail("APPEND " + r.status + " " + r.code());
            }
            if (!quiet && System.nanoTime() - lastProgress > 5_000_000_000L) {
                lastProgress = System.nanoTime();
                System.out.printf(Locale.ROOT, "%s: ... %s: %d of %d appended%n", label, user, ok, need);
            }
        }
        return new long[] {ok, bad};
    }

    // ---- select --------------------------------------------------------------------------------------

    int select() throws IOException {
        String user = users.get(0);
        Client c = login(user, true);
        Samples sel = new Samples();
        Samples fetch = new Samples();
        Samples sum = new Samples();
        long messages = -1;
        long fetchLines = 0;
        int failedReps = 0;
        try {
            boolean unselect = c.caps.contains("UNSELECT") || c.caps.contains("IMAP4REV2");
            System.out.printf(Locale.ROOT, "%s: %s on %s:%d: SELECT %s + UID FETCH 1:* (FLAGS), %d + %d warm-up%n",
                    label, user, host, port, mailbox, reps, warmupReps);
            for (int i = 0; i < reps + warmupReps && !stop; i++) {
                long[] lines = {0};
                long t0 = System.nanoTime();
                Reply r1 = c.command("SELECT " + quote(mailbox), null);
                long t1 = System.nanoTime();
                Reply r2 = r1.ok() ? c.command("UID FETCH 1:* (FLAGS)", l -> {
                    if (l.text.endsWith(")") && l.text.contains(" FETCH ")) {
                        lines[0]++;
                    }
                }) : r1;
                long t2 = System.nanoTime();
                if (!r1.ok() || !r2.ok()) {
                    failedReps++;
                    fail((r1.ok() ? "UID FETCH " + r2.status : "SELECT " + r1.status) + " " + r2.code());
                    System.out.println(label + ": refused: " + (r1.ok() ? r2.text : r1.text));
                    continue;
                }
                messages = c.exists;
                fetchLines = lines[0];
                if (i >= warmupReps) {
                    sel.add(t1 - t0);
                    fetch.add(t2 - t1);
                    sum.add(t2 - t0);
                }
                if (!quiet) {
                    System.out.printf(Locale.ROOT, "%s: %s %d: SELECT %.2f ms, UID FETCH %.2f ms (%d messages), sum"
                                    + " %.2f ms%n", label, i < warmupReps ? "warm-up" : "rep", i < warmupReps ? i + 1
                                    : i - warmupReps + 1, ms(t1 - t0), ms(t2 - t1), lines[0], ms(t2 - t0));
                }
                if (unselect) {
                    c.command("UNSELECT", null);
                }
            }
            c.logout();
        } finally {
            close(c);
        }
        long[] s = sel.sorted();
        long[] f = fetch.sorted();
        long[] t = sum.sorted();
        System.out.printf(Locale.ROOT, "%s: %d messages in %s, %d FETCH responses; over %d repetitions:%n", label,
                messages, mailbox, fetchLines, t.length);
        System.out.printf(Locale.ROOT, "  %-22s %9s %9s %9s %9s%n", "step", "min ms", "p50 ms", "p90 ms", "max ms");
        for (Object[] row : new Object[][] {{"SELECT", s}, {"UID FETCH 1:* (FLAGS)", f}, {"sum", t}}) {
            long[] x = (long[]) row[1];
            System.out.printf(Locale.ROOT, "  %-22s %9.2f %9.2f %9.2f %9.2f%n", row[0], ms(x.length > 0 ? x[0] : -1),
                    ms(pct(x, 50)), ms(pct(x, 90)), ms(x.length > 0 ? x[x.length - 1] : -1));
        }
        boolean target = t.length > 0 && ms(pct(t, 50)) < 300;
        System.out.printf(Locale.ROOT, "%s: target SELECT + UID FETCH 1:* (FLAGS) < 300 ms (p50): %s%n", label,
                t.length == 0 ? "not measured" : target ? "met" : "NOT met");
        System.out.printf(Locale.ROOT, "RESULT imapload mode=select label=%s messages=%d reps=%d select_p50_ms=%.2f"
                        + " select_p90_ms=%.2f fetch_p50_ms=%.2f fetch_p90_ms=%.2f sum_p50_ms=%.2f sum_p90_ms=%.2f"
                        + " sum_min_ms=%.2f failed=%d%n", label, messages, t.length, ms(pct(s, 50)), ms(pct(s, 90)),
                ms(pct(f, 50)), ms(pct(f, 90)), ms(pct(t, 50)), ms(pct(t, 90)), ms(t.length > 0 ? t[0] : -1),
                failedReps);
        return failedReps == 0 && t.length == reps ? 0 : 1;
    }

    // ---- mix -----------------------------------------------------------------------------------------

    static final String HEADER_FIELDS = "From To Cc Bcc Subject Date Message-ID Priority X-Priority References"
            + " Newsgroups In-Reply-To Content-Type Reply-To";

    /** The mix's shared clock: clients log in, then all start together; measuring starts after the warm-up. */
    final class MixShared {
        final CountDownLatch ready;
        volatile long startNanos;
        volatile long measureFrom;
        volatile long measureUntil;
        final AtomicLong measuredOps = new AtomicLong();
        final AtomicLong lastEnd = new AtomicLong();
        final Map<String, Samples> merged = new TreeMap<>();
        final Samples login = new Samples();
        final Samples firstSelect = new Samples();
        final LongAdder loggedIn = new LongAdder();

        MixShared(int n) {
            ready = new CountDownLatch(n);
        }

        synchronized void merge(Map<String, Samples> mine, long loginNanos, long selectNanos) {
            for (Map.Entry<String, Samples> e : mine.entrySet()) {
                merged.computeIfAbsent(e.getKey(), k -> new Samples()).addAll(e.getValue());
            }
            if (loginNanos >= 0) {
                login.add(loginNanos);
                firstSelect.add(selectNanos);
            }
        }
    }

    int mix() throws Exception {
        // one probe first: refuse early, with exit status 3, when there is no server at all
        close(login(users.get(0), true));
        MixShared sh = new MixShared(clients);
        System.out.printf(Locale.ROOT, "%s: mix, %d clients on %s:%d over %d user(s), mailbox %s, %d s measured"
                        + " after %d s warm-up, %d-octet appends%n  weights %s%n", label, clients, host, port,
                Math.min(users.size(), clients), mailbox, durationS, warmupS, size, weights);
        Thread[] threads = new Thread[clients];
        for (int i = 0; i < clients; i++) {
            final int id = i;
            threads[i] = new Thread(() -> mixClient(id, sh), "client-" + i);
            threads[i].start();
        }
        if (!sh.ready.await(Math.max(60, socketTimeoutMs / 1000), TimeUnit.SECONDS)) {
            System.out.println(label + ": not every client logged in within the time; starting anyway");
        }
        long now = System.nanoTime();
        sh.measureFrom = now + warmupS * 1_000_000_000L;
        sh.measureUntil = sh.measureFrom + durationS * 1_000_000_000L;
        sh.startNanos = now; // releases the clients
        Thread progress = null;
        if (!quiet) {
            progress = new Thread(() -> {
                long last = 0;
                try {
                    while (true) {
                        Thread.sleep(5000);
                        long n = sh.measuredOps.get();
                        System.out.printf(Locale.ROOT, "%s: ... %d measured commands (%.0f/s over the last 5 s)%n",
                                label, n, (n - last) / 5.0);
                        last = n;
                    }
                } catch (InterruptedException e) {
                    // done
                }
            }, "progress");
            progress.setDaemon(true);
            progress.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (progress != null) {
            progress.interrupt();
        }
        // the measured window: from the end of the warm-up to the end of the last measured command
        long end = sh.lastEnd.get() == 0 ? System.nanoTime() : sh.lastEnd.get();
        double wall = Math.max(1e-9, (end - sh.measureFrom) / 1e9);

        long[] all = sh.merged.values().stream().flatMapToLong(s -> Arrays.stream(s.values())).sorted().toArray();
        long failedOps = failures.entrySet().stream().filter(e -> !e.getKey().startsWith("connection"))
                .mapToLong(e -> e.getValue().sum()).sum();
        long[] lg = sh.login.sorted();
        System.out.printf(Locale.ROOT, "%s: %d of %d clients logged in; LOGIN p50 %.2f ms, p99 %.2f ms; first SELECT"
                        + " p50 %.2f ms%n", label, sh.loggedIn.sum(), clients, ms(pct(lg, 50)), ms(pct(lg, 99)),
                ms(pct(sh.firstSelect.sorted(), 50)));
        System.out.printf(Locale.ROOT, "  %-18s %8s %9s %9s %9s %9s %9s%n", "command", "ops", "ops/s", "p50 ms",
                "p90 ms", "p99 ms", "max ms");
        StringBuilder result = new StringBuilder();
        for (Map.Entry<String, Samples> e : sh.merged.entrySet()) {
            long[] x = e.getValue().sorted();
            System.out.printf(Locale.ROOT, "  %-18s %8d %9.1f %9.2f %9.2f %9.2f %9.2f%n", e.getKey(), x.length,
                    x.length / wall, ms(pct(x, 50)), ms(pct(x, 90)), ms(pct(x, 99)), ms(pct(x, 100)));
            result.append(String.format(Locale.ROOT, " %s_ops_s=%.1f %s_p50_ms=%.2f %s_p99_ms=%.2f", e.getKey(),
                    x.length / wall, e.getKey(), ms(pct(x, 50)), e.getKey(), ms(pct(x, 99))));
        }
        System.out.printf(Locale.ROOT, "  %-18s %8d %9.1f %9.2f %9.2f %9.2f %9.2f%n", "all", all.length,
                all.length / wall, ms(pct(all, 50)), ms(pct(all, 90)), ms(pct(all, 99)), ms(pct(all, 100)));
        printFailures();
        System.out.printf(Locale.ROOT, "%s: %d commands in %.3f s = %.1f ops/s, %d failed%n", label, all.length, wall,
                all.length / wall, failedOps);
        System.out.printf(Locale.ROOT, "RESULT imapload mode=mix label=%s clients=%d users=%d wall_s=%.3f ops=%d"
                        + " ops_s=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f failed=%d broken=%d%s%n", label,
                clients, Math.min(users.size(), clients), wall, all.length, all.length / wall, ms(pct(all, 50)),
                ms(pct(all, 90)), ms(pct(all, 99)), ms(pct(all, 100)), failedOps,
                failures.entrySet().stream().filter(e -> e.getKey().startsWith("connection"))
                        .mapToLong(e -> e.getValue().sum()).sum(), result);
        return failures.isEmpty() && !stop && sh.loggedIn.sum() == clients ? 0 : 1;
    }

    void mixClient(int id, MixShared sh) {
        String user = users.get(id % users.size());
        Random rnd = new Random(seed * 1_000_003L + id);
        Map<String, Samples> mine = new HashMap<>();
        ArrayDeque<Long> own = new ArrayDeque<>(); // UIDs this client appended and may expunge
        ArrayDeque<String> ownIds = new ArrayDeque<>(); // their Message-IDs when the server gives no APPENDUID
        ByteArrayOutputStream buf = new ByteArrayOutputStream(size + 64);
        int[] cumulative = new int[OPS.length];
        int total = 0;
        for (int i = 0; i < OPS.length; i++) {
            total += weights.getOrDefault(OPS[i], 0);
            cumulative[i] = total;
        }
        long loginNanos = -1;
        long selectNanos = -1;
        boolean counted = false;
        boolean released = false;
        int reconnects = 0;
        int appendNo = 0;
        boolean flip = false;
        boolean noIdle = false;
        while (!stop) {
            Client c = null;
            try {
                long t0 = System.nanoTime();
                c = login(user, false);
                long t1 = System.nanoTime();
                Reply sel = c.command("SELECT " + quote(mailbox), null);
                long t2 = System.nanoTime();
                if (!sel.ok()) {
                    throw new Broken("SELECT " + mailbox + " answered " + sel.text);
                }
                if (!counted) {
                    counted = true;
                    loginNanos = t1 - t0;
                    selectNanos = t2 - t1;
                    sh.loggedIn.increment();
                }
                if (!released) {
                    released = true;
                    sh.ready.countDown();
                    while (sh.startNanos == 0 && !stop) {
                        Thread.sleep(5);
                    }
                }
                boolean uidplus = c.caps.contains("UIDPLUS");
                boolean idle = c.caps.contains("IDLE") && !noIdle;
                while (!stop) {
                    long now = System.nanoTime();
                    if (now >= sh.measureUntil || (opsLimit > 0 && sh.measuredOps.get() >= opsLimit)) {
                        removeOwn(c, own, ownIds, uidplus);
                        c.logout();
                        sh.merge(mine, loginNanos, selectNanos);
                        return;
                    }
                    int r = rnd.nextInt(total);
                    int k = 0;
                    while (cumulative[k] <= r) {
                        k++;
                    }
                    String op = OPS[k];
                    if (op.equals("expunge") && own.isEmpty() && ownIds.isEmpty()) {
                        op = "append"; // nothing of ours to delete yet
                    }
                    // UIDs to pick from: below UIDNEXT, or (an IMAP4rev1 server need not send UIDNEXT) below
                    // EXISTS + 1, exact for a mailbox filled without expunges
                    long uidTop = c.uidnext > 1 ? c.uidnext : Math.max(1, c.exists + 1);
                    if ((op.equals("fetch_flags") && c.exists <= 0) || (op.equals("uid_fetch_headers")
                            || op.equals("store_seen")) && uidTop <= 1) {
                        op = "noop"; // empty mailbox
                    }
                    if (op.equals("idle") && !idle) {
                        if (!noIdle) {
                            fail("idle not offered by the server (CAPABILITY)");
                            noIdle = true;
                        }
                        op = "noop";
                    }
                    long start = System.nanoTime();
                    boolean measured = start >= sh.measureFrom;
                    Reply reply;
                    switch (op) {
                        case "select" -> reply = c.command("SELECT " + quote(mailbox), null);
                        case "fetch_flags" -> reply = c.command("FETCH 1:* (FLAGS)", null);
                        case "uid_fetch_headers" -> {
                            long hi = 1 + (long) (rnd.nextDouble() * (uidTop - 1));
                            long lo = Math.max(1, hi - headerWindow + 1);
                            reply = c.command("UID FETCH " + lo + ":" + hi + " (UID RFC822.SIZE FLAGS BODY.PEEK"
                                    + "[HEADER.FIELDS (" + HEADER_FIELDS + ")])", null);
                        }
                        case "store_seen" -> {
                            long uid = 1 + (long) (rnd.nextDouble() * (uidTop - 1));
                            flip = !flip;
                            reply = c.command("UID STORE " + uid + (flip ? " +" : " -") + "FLAGS (\\Seen)", null);
                        }
                        case "search_unseen" -> reply = c.command("SEARCH UNSEEN", null);
                        case "append" -> {
                            buf.reset();
                            String msgId = pool.message(buf, 1_000_000 + id * 100_000 + appendNo++ % 100_000,
                                    "client" + id + "@bench.example", user, size);
                            reply = c.append(mailbox, "()", buf.toByteArray(), c.caps.contains("LITERAL+"));
                            if (reply.ok()) {
                                long uid = reply.appendUid();
                                if (uid > 0) {
                                    own.add(uid);
                                    c.uidnext = Math.max(c.uidnext, uid + 1);
                                } else {
                                    ownIds.add(msgId);
                                }
                            }
                        }
                        case "expunge" -> {
                            long uid = own.isEmpty() ? -1 : own.poll();
                            if (uid < 0) {
                                uid = findByMessageId(c, ownIds.poll());
                            }
                            if (uid > 0) {
                                Reply del = c.command("UID STORE " + uid + " +FLAGS.SILENT (\\Deleted)", null);
                                long mid = System.nanoTime();
                                if (measured) {
                                    record(mine, sh, "store_deleted", del, mid - start);
                                }
                                start = mid;
                            }
                            reply = c.command(uidplus && uid > 0 ? "UID EXPUNGE " + uid : "EXPUNGE", null);
                        }
                        case "idle" -> {
                            String tag = c.tag();
                            c.write(tag + " IDLE\r\n");
                            c.flush();
                            Reply early = c.awaitContinuation(tag);
                            long entered = System.nanoTime();
                            if (early != null) {
                                reply = early;
                                break;
                            }
                            if (idleHoldMs > 0) {
                                Thread.sleep(idleHoldMs);
                            }
                            long done = System.nanoTime();
                            c.write("DONE\r\n");
                            c.flush();
                            reply = c.await(tag, null);
                            long end = System.nanoTime();
                            if (measured) {
                                record(mine, sh, op, reply, (entered - start) + (end - done));
                            }
                            continue;
                        }
                        default -> reply = c.command("NOOP", null);
                    }
                    long end = System.nanoTime();
                    if (measured) {
                        record(mine, sh, op, reply, end - start);
                    }
                }
            } catch (InterruptedException e) {
                break;
            } catch (IOException | RuntimeException e) {
                if (stop) {
                    break;
                }
                fail("connection " + e.getClass().getSimpleName());
                if (reconnects == 0) {
                    System.err.println("ImapLoad: client " + id + ": " + e.getMessage());
                }
                if (++reconnects > 100) {
                    System.err.println("ImapLoad: client " + id + " gives up after 100 reconnects");
                    break;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    break;
                }
            } finally {
                close(c);
                if (!released) {
                    // a client that cannot log in must not hold the others back
                    released = reconnects >= 3;
                    if (released) {
                        sh.ready.countDown();
                    }
                }
            }
        }
        if (!released) {
            sh.ready.countDown();
        }
        sh.merge(mine, counted ? loginNanos : -1, selectNanos);
    }

    /** After the run, unmeasured: expunges what this client appended and still holds, so the mailbox keeps its size. */
    static void removeOwn(Client c, ArrayDeque<Long> own, ArrayDeque<String> ownIds, boolean uidplus)
            throws IOException {
        while (!ownIds.isEmpty()) {
            long uid = findByMessageId(c, ownIds.poll());
            if (uid > 0) {
                own.add(uid);
            }
        }
        if (own.isEmpty()) {
            return;
        }
        StringBuilder set = new StringBuilder();
        for (long uid : own) {
            set.append(set.length() == 0 ? "" : ",").append(uid);
        }
        own.clear();
        c.command("UID STORE " + set + " +FLAGS.SILENT (\\Deleted)", null);
        c.command(uidplus ? "UID EXPUNGE " + set : "EXPUNGE", null);
    }

    static final String[] OPS = {"select", "fetch_flags", "uid_fetch_headers", "store_seen", "search_unseen",
            "append", "expunge", "idle", "noop"};

    void record(Map<String, Samples> mine, MixShared sh, String op, Reply reply, long nanos) {
        if (reply.ok()) {
            mine.computeIfAbsent(op, k -> new Samples()).add(nanos);
            sh.measuredOps.incrementAndGet();
            sh.lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
        } else {
            fail(op + " " + reply.status + " " + reply.code());
        }
    }

    /** The UID of a message we appended when the server gave no APPENDUID: UID SEARCH by its Message-ID. */
    static long findByMessageId(Client c, String messageId) throws IOException {
        if (messageId == null) {
            return -1;
        }
        long[] uid = {-1};
        c.command("UID SEARCH HEADER Message-ID " + quote(messageId), l -> {
            if (l.text.startsWith("* SEARCH ")) {
                String[] t = l.text.substring(9).trim().split(" ");
                if (t.length > 0 && t[0].matches("\\d{1,10}")) {
                    uid[0] = Long.parseLong(t[0]);
                }
            }
        });
        return uid[0];
    }

    void printFailures() {
        if (failures.isEmpty()) {
            return;
        }
        System.out.println(label + ": failures by command and response:");
        new TreeMap<>(failures).forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-50s %d%n", k, v.sum()));
    }

    // ---- idle (NIO) ----------------------------------------------------------------------------------

    enum Phase { CONNECTING, GREETING, LOGIN, SELECT, IDLE_WAIT, IDLING, DONE_WAIT, LOGOUT_WAIT, CLOSED }

    /** One IDLE session: a non-blocking channel, its reader, what it still has to write. */
    static final class Session {
        final int index;
        final String user;
        SocketChannel channel;
        SelectionKey key;
        Phase phase = Phase.CONNECTING;
        final LineAssembler reader = new LineAssembler(64 * 1024);
        ByteBuffer pending;
        String tag;
        int tagNo;
        long exists = -1;
        long baseline = -1;
        boolean notified;
        boolean failed;

        Session(int index, String user) {
            this.index = index;
            this.user = user;
        }

        String nextTag() {
            tag = "i" + (++tagNo);
            return tag;
        }
    }

    final class IdleRun {
        final Session[] sessions = new Session[clients];
        final Map<String, Long> deliveredAt = new ConcurrentHashMap<>();
        final Samples notifyLatency = new Samples();
        final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);
        final byte[] readBytes = new byte[64 * 1024];
        Selector selector;
        InetAddress[] sources;
        int opened;
        int inHandshake;
        int idling;
        int closedWhileIdling;
        int failedSessions;
        int cleanlyClosed;
        int notified;
        long firstIdleNanos;
        long allIdleNanos;
        int idlingAtMeasure;
        int idlingAtDelivery;

        int run() throws Exception {
            int k = sourceAddrs > 0 ? sourceAddrs : Math.max(1, (clients + 7999) / 8000);
            sources = new InetAddress[k];
            for (int i = 0; i < k; i++) {
                sources[i] = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + i)});
            }
            // probe: a usable server, else exit 3 before opening thousands of connections
            close(login(users.get(0), true));
            List<String> distinct = new ArrayList<>(new LinkedHashSet<>(users.subList(0, Math.min(users.size(),
                    clients))));
            Memory before = serverPid > 0 ? Memory.measure(serverPid) : null;
            if (before != null) {
                System.out.printf(Locale.ROOT, "%s: server pid %d before: heap used %s, PSS %s%n", label, serverPid,
                        Memory.human(before.heapUsed), Memory.human(before.pss));
            }
            System.out.printf(Locale.ROOT, "%s: idle, %d sessions on %s:%d over %d user(s), %d source address(es),"
                            + " %d in handshake at most, hold %d s%s%n", label, clients, host, port, distinct.size(), k,
                    ramp, holdS, deliver ? ", then one delivery per user" : "");
            selector = Selector.open();
            open.add(selector);
            for (int i = 0; i < clients; i++) {
                sessions[i] = new Session(i, users.get(i % users.size()));
            }
            long t0 = System.nanoTime();
            long establishDeadline = t0 + establishTimeoutS * 1_000_000_000L;
            long lastProgress = t0;
            // ---- bring them up; give up early when nothing moves for STALL_SECONDS (a server at a connection
            // or process limit leaves sessions waiting for their greeting or LOGIN answer)
            long lastChange = t0;
            int lastSettled = 0;
            while (!stop && idling + failedCount() < clients && System.nanoTime() < establishDeadline) {
                while (opened < clients && inHandshake < ramp) {
                    openSession(sessions[opened++]);
                }
                pump(50);
                int settled = idling + failedCount();
                if (settled != lastSettled) {
                    lastSettled = settled;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > STALL_SECONDS * 1_000_000_000L) {
                    System.out.printf(Locale.ROOT, "%s: no session went idle or failed for %d s: giving up on the"
                            + " %d still in their handshake or not opened%n", label, STALL_SECONDS,
                            clients - settled);
                    break;
                }
                if (!quiet && System.nanoTime() - lastProgress > 5_000_000_000L) {
                    lastProgress = System.nanoTime();
                    System.out.printf(Locale.ROOT, "%s: ... %d opened, %d idling, %d failed%n", label, opened, idling,
                            failedCount());
                }
            }
            allIdleNanos = System.nanoTime();
            double up = (allIdleNanos - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %d of %d sessions idling after %.1f s (%.0f sessions/s), %d failed%n",
                    label, idling, clients, up, idling / Math.max(up, 1e-9), failedCount());
            // ---- memory
            Memory after = null;
            if (serverPid > 0 && !stop) {
                pumpFor(settleS * 1000L);
                Memory[] m = new Memory[1];
                Thread measurer = new Thread(() -> m[0] = Memory.measure(serverPid), "measure");
                measurer.start();
                while (measurer.isAlive() && !stop) {
                    pump(50);
                }
                measurer.join();
                after = m[0];
                idlingAtMeasure = idling;
                System.out.printf(Locale.ROOT, "%s: server pid %d with %d idling: heap used %s, PSS %s%n", label,
                        serverPid, idling, Memory.human(after.heapUsed), Memory.human(after.pss));
            }
            // ---- delivery
            long deliverWall = -1;
            if (deliver && !stop && idling > 0) {
                idlingAtDelivery = idling;
                Thread deliverer = new Thread(() -> deliverAll(distinct), "deliver");
                long d0 = System.nanoTime();
                deliverer.start();
                long deadline = d0 + deliverTimeoutS * 1_000_000_000L;
                while (!stop && notified < idlingAtDelivery && System.nanoTime() < deadline) {
                    pump(20);
                }
                deliverWall = System.nanoTime() - d0;
                deliverer.join(Math.max(1, socketTimeoutMs));
            }
            // ---- hold
            long holdUntil = allIdleNanos + holdS * 1_000_000_000L;
            while (!stop && System.nanoTime() < holdUntil) {
                pump(200);
            }
            int stillIdling = idling;
            for (Session s : sessions) {
                if (s != null && !s.failed && s.phase.ordinal() < Phase.IDLING.ordinal()) {
                    sessionFailed(s, s.channel == null ? "not opened when the establishment ended"
                            : "not idling when the establishment ended");
                }
            }
            // ---- DONE, LOGOUT
            for (Session s : sessions) {
                if (s != null && s.phase == Phase.IDLING) {
                    s.phase = Phase.DONE_WAIT;
                    send(s, "DONE\r\n");
                }
            }
            long closeDeadline = System.nanoTime() + 60_000_000_000L;
            while (!stop && openCount() > 0 && System.nanoTime() < closeDeadline) {
                pump(50);
            }
            for (Session s : sessions) {
                if (s != null && s.channel != null && s.channel.isOpen()) {
                    closeSession(s, "not closed in time");
                }
            }
            selector.close();
            open.remove(selector);

            // ---- report
            printFailures();
            StringBuilder result = new StringBuilder();
            result.append(String.format(Locale.ROOT, "RESULT imapload mode=idle label=%s sessions=%d idling=%d"
                            + " failed=%d up_s=%.1f closed_by_server=%d held_s=%d", label, clients, stillIdling,
                    failedCount(), up, closedWhileIdling, holdS));
            if (before != null && after != null && idlingAtMeasure > 0) {
                long heapPer = before.heapUsed >= 0 && after.heapUsed >= 0
                        ? (after.heapUsed - before.heapUsed) / idlingAtMeasure : -1;
                long pssPer = before.pss >= 0 && after.pss >= 0 ? (after.pss - before.pss) / idlingAtMeasure : -1;
                System.out.printf(Locale.ROOT, "%s: server memory per idling session: heap %s, PSS %s%s%n", label,
                        heapPer < 0 ? "NA (not a JVM, or jcmd failed)" : heapPer + " bytes",
                        pssPer < 0 ? "NA" : pssPer + " bytes",
                        after.heapUsed >= 0 ? String.format(Locale.ROOT, " (heap used with %d sessions: %s, target"
                                + " < 512 MiB: %s)", idlingAtMeasure, Memory.human(after.heapUsed),
                                after.heapUsed < 512L * 1024 * 1024 ? "met" : "NOT met") : "");
                result.append(" heap_per_session_bytes=").append(heapPer < 0 ? "NA" : String.valueOf(heapPer));
                result.append(" pss_per_session_bytes=").append(pssPer < 0 ? "NA" : String.valueOf(pssPer));
                result.append(" heap_used_bytes=").append(after.heapUsed < 0 ? "NA" : String.valueOf(after.heapUsed));
                if (after.heapUsed >= 0) {
                    result.append(" heap_under_512mib=").append(after.heapUsed < 512L * 1024 * 1024 ? "yes" : "no");
                }
            }
            if (deliver) {
                long[] x = notifyLatency.sorted();
                System.out.printf(Locale.ROOT, "%s: delivery: %d of %d idling sessions saw their EXISTS within %d s;"
                                + " latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", label, notified,
                        idlingAtDelivery, deliverTimeoutS, ms(pct(x, 50)), ms(pct(x, 90)), ms(pct(x, 99)),
                        ms(pct(x, 100)));
                result.append(String.format(Locale.ROOT, " notified=%d exists_p50_ms=%.1f exists_p99_ms=%.1f"
                                + " exists_max_ms=%.1f deliver_wall_ms=%.1f", notified, ms(pct(x, 50)),
                        ms(pct(x, 99)), ms(pct(x, 100)), ms(deliverWall)));
            }
            System.out.printf(Locale.ROOT, "%s: held %d idling (%d closed by the server while idling), %d logged out"
                    + " cleanly%n", label, stillIdling, closedWhileIdling, cleanlyClosed);
            System.out.println(result);
            boolean okAll = stillIdling == clients && closedWhileIdling == 0 && failures.isEmpty() && !stop
                    && (!deliver || notified == idlingAtDelivery);
            return okAll ? 0 : 1;
        }

        int failedCount() {
            return failedSessions;
        }

        int openCount() {
            int n = 0;
            for (Session s : sessions) {
                if (s != null && s.channel != null && s.channel.isOpen()) {
                    n++;
                }
            }
            return n;
        }

        void openSession(Session s) {
            inHandshake++;
            try {
                SocketChannel ch = SocketChannel.open();
                s.channel = ch;
                ch.configureBlocking(false);
                ch.bind(new InetSocketAddress(sources[s.index % sources.length], 0));
                ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                boolean now = ch.connect(new InetSocketAddress(host, port));
                s.key = ch.register(selector, now ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, s);
                if (now) {
                    s.phase = Phase.GREETING;
                }
            } catch (IOException e) {
                sessionFailed(s, "connect " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }

        void pumpFor(long millis) throws IOException {
            long until = System.nanoTime() + millis * 1_000_000L;
            while (!stop && System.nanoTime() < until) {
                pump(50);
            }
        }

        /** One round of the selector: connects, reads (lines to {@link #onLine}), writes. */
        void pump(long timeoutMs) throws IOException {
            if (selector.select(timeoutMs) == 0) {
                return;
            }
            for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                SelectionKey key = it.next();
                it.remove();
                Session s = (Session) key.attachment();
                if (!key.isValid()) {
                    continue;
                }
                try {
                    if (key.isConnectable()) {
                        s.channel.finishConnect();
                        s.phase = Phase.GREETING;
                        key.interestOps(SelectionKey.OP_READ);
                        continue;
                    }
                    if (key.isWritable()) {
                        flushPending(s);
                    }
                    if (key.isValid() && key.isReadable()) {
                        readFrom(s);
                    }
                } catch (IOException e) {
                    lost(s, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
                }
            }
        }

        void readFrom(Session s) throws IOException {
            while (true) {
                readBuffer.clear();
                int n = s.channel.read(readBuffer);
                if (n < 0) {
                    lost(s, "closed by the server");
                    return;
                }
                if (n == 0) {
                    return;
                }
                readBuffer.flip();
                readBuffer.get(readBytes, 0, n);
                s.reader.feed(readBytes, 0, n, l -> onLine(s, l));
                if (s.phase == Phase.CLOSED) {
                    return;
                }
            }
        }

        /** The connection ended: a failure before IDLE, a loss while idling, the normal end after LOGOUT. */
        void lost(Session s, String why) {
            switch (s.phase) {
                case IDLING -> {
                    closedWhileIdling++;
                    idling--;
                    fail("idle: connection lost while idling: " + shorten(why));
                    closeSession(s, why);
                }
                case DONE_WAIT, LOGOUT_WAIT -> {
                    if (s.phase == Phase.LOGOUT_WAIT) {
                        cleanlyClosed++;
                    } else {
                        fail("idle: connection lost at DONE: " + shorten(why));
                    }
                    closeSession(s, why);
                }
                case CLOSED -> {
                    // already closed
                }
                default -> sessionFailed(s, s.phase + ": " + why);
            }
        }

        void sessionFailed(Session s, String why) {
            if (!s.failed) {
                s.failed = true;
                failedSessions++;
                if (s.phase.ordinal() < Phase.IDLING.ordinal()) {
                    inHandshake--;
                }
                fail("idle: " + shorten(why));
            }
            closeSession(s, why);
        }

        void closeSession(Session s, String why) {
            s.phase = Phase.CLOSED;
            if (s.channel != null) {
                try {
                    s.channel.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }

        void send(Session s, String text) {
            byte[] b = text.getBytes(StandardCharsets.US_ASCII);
            if (s.pending != null && s.pending.hasRemaining()) {
                ByteBuffer more = ByteBuffer.allocate(s.pending.remaining() + b.length);
                more.put(s.pending).put(b).flip();
                s.pending = more;
            } else {
                s.pending = ByteBuffer.wrap(b);
            }
            try {
                flushPending(s);
            } catch (IOException e) {
                lost(s, "write: " + e.getMessage());
            }
        }

        void flushPending(Session s) throws IOException {
            if (s.pending == null || !s.channel.isOpen()) {
                return;
            }
            s.channel.write(s.pending);
            if (s.pending.hasRemaining()) {
                s.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            } else {
                s.pending = null;
                if (s.key.isValid()) {
                    s.key.interestOps(SelectionKey.OP_READ);
                }
            }
        }

        void onLine(Session s, Line l) {
            String t = l.text;
            if (s.phase == Phase.GREETING) {
                // the greeting is untagged: "* OK", or "* PREAUTH" (then LOGIN is refused and the session counted
                // as failed, which is right: the benchmark logs in)
                if (t.regionMatches(true, 0, "* OK", 0, 4)) {
                    s.phase = Phase.LOGIN;
                    send(s, s.nextTag() + " LOGIN " + quote(s.user) + " " + quote(password) + "\r\n");
                } else {
                    sessionFailed(s, "greeting: " + shorten(t));
                }
                return;
            }
            if (t.startsWith("* ")) {
                Matcher m = EXISTS.matcher(t);
                if (m.matches()) {
                    long n = Long.parseLong(m.group(1));
                    s.exists = n;
                    if (s.phase == Phase.IDLING && !s.notified && s.baseline >= 0 && n > s.baseline) {
                        Long at = deliveredAt.get(s.user);
                        if (at != null) {
                            s.notified = true;
                            notified++;
                            notifyLatency.add(System.nanoTime() - at);
                        }
                    }
                } else if (t.startsWith("* BYE") && s.phase != Phase.LOGOUT_WAIT) {
                    lost(s, "BYE " + t.substring(5).trim());
                }
                return;
            }
            boolean tagged = s.tag != null && t.startsWith(s.tag + " ");
            Reply r = tagged ? Reply.of(s.tag, t) : null;
            switch (s.phase) {
                case LOGIN -> {
                    if (r != null) {
                        if (r.ok()) {
                            s.phase = Phase.SELECT;
                            send(s, s.nextTag() + " SELECT " + quote(mailbox) + "\r\n");
                        } else {
                            sessionFailed(s, "LOGIN " + r.status + " " + r.code());
                        }
                    }
                }
                case SELECT -> {
                    if (r != null) {
                        if (r.ok()) {
                            s.baseline = Math.max(s.exists, 0);
                            s.phase = Phase.IDLE_WAIT;
                            send(s, s.nextTag() + " IDLE\r\n");
                        } else {
                            sessionFailed(s, "SELECT " + r.status + " " + r.code());
                        }
                    }
                }
                case IDLE_WAIT -> {
                    if (t.startsWith("+")) {
                        s.phase = Phase.IDLING;
                        inHandshake--;
                        idling++;
                        if (firstIdleNanos == 0) {
                            firstIdleNanos = System.nanoTime();
                        }
                    } else if (r != null) {
                        sessionFailed(s, "IDLE " + r.status + " " + r.code());
                    }
                }
                case IDLING -> {
                    if (r != null || t.startsWith("+")) {
                        fail("idle: unexpected while idling: " + shorten(t));
                    }
                }
                case DONE_WAIT -> {
                    if (r != null) {
                        idling--;
                        if (!r.ok()) {
                            fail("DONE " + r.status + " " + r.code());
                        }
                        s.phase = Phase.LOGOUT_WAIT;
                        send(s, s.nextTag() + " LOGOUT\r\n");
                    }
                }
                case LOGOUT_WAIT -> {
                    if (r != null) {
                        cleanlyClosed++;
                        closeSession(s, "logged out");
                    }
                }
                default -> {
                    // CONNECTING, GREETING (handled above), CLOSED: nothing to do
                }
            }
        }

        /** Appends one message into each user's mailbox, one connection per user, noting when each APPEND left. */
        void deliverAll(List<String> distinct) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(size + 64);
            int no = 0;
            for (String user : distinct) {
                if (stop) {
                    return;
                }
                Client c = null;
                try {
                    c = login(user, false);
                    buf.reset();
                    pool.message(buf, 2_000_000 + no++, "deliverer@bench.example", user, size);
                    deliveredAt.put(user, System.nanoTime());
                    Reply r = c.append(mailbox, "()", buf.toByteArray(), c.caps.contains("LITERAL+"));
                    if (!r.ok()) {
                        fail("deliver APPEND " + r.status + " " + r.code());
                    }
                    c.logout();
                } catch (IOException | RuntimeException e) {
                    fail("deliver " + e.getClass().getSimpleName() + ": " + shorten(String.valueOf(e.getMessage())));
                } finally {
                    close(c);
                }
            }
        }
    }

    /** idle: stop bringing sessions up when none went idle or failed for this long. */
    static final int STALL_SECONDS = 30;

    static final Pattern EXISTS = Pattern.compile("\\* (\\d{1,10}) EXISTS", Pattern.CASE_INSENSITIVE);

    static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    // ---- server memory -------------------------------------------------------------------------------

    /** Heap used (after a full GC) and PSS of a server process and its descendants; -1 = unknown. */
    record Memory(long heapUsed, long pss) {

        static final Pattern USED = Pattern.compile("used (\\d+)K");

        static Memory measure(long pid) {
            long heap = -1;
            if (!isJvm(pid)) {
                return new Memory(-1, pssTree(pid)); // jcmd attaches by SIGQUIT, which would end any other process
            }
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            if (!Files.isExecutable(Path.of(jcmd))) {
                jcmd = "jcmd";
            }
            if (run(jcmd, String.valueOf(pid), "GC.run") != null) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                run(jcmd, String.valueOf(pid), "GC.run"); // a second one: what the first left in finalizers
                String info = run(jcmd, String.valueOf(pid), "GC.heap_info");
                if (info != null) {
                    Matcher m = USED.matcher(info);
                    if (m.find()) {
                        heap = Long.parseLong(m.group(1)) * 1024;
                    }
                }
            }
            return new Memory(heap, pssTree(pid));
        }

        /** Whether the process has a JVM loaded (libjvm.so in its mappings). */
        static boolean isJvm(long pid) {
            try (var lines = Files.lines(Path.of("/proc", String.valueOf(pid), "maps"))) {
                return lines.anyMatch(l -> l.endsWith("/libjvm.so"));
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        static String run(String... cmd) {
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    return null;
                }
                String s = new String(out, StandardCharsets.UTF_8);
                return s.contains("Exception") || s.contains("Could not") ? null : s;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        /**
         * Proportional set size (Pss of /proc/PID/smaps_rollup; VmRSS where that is missing) of pid and every process
         * below it: Dovecot runs one imap process per session, and their resident sets share most pages, which
         * PSS divides among them instead of counting them once per process.
         */
        static long pssTree(long pid) {
            Map<Long, List<Long>> children = new HashMap<>();
            try (var dirs = Files.list(Path.of("/proc"))) {
                for (Path d : (Iterable<Path>) dirs::iterator) {
                    String name = d.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String stat = Files.readString(d.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        children.computeIfAbsent(Long.parseLong(f[1]), k -> new ArrayList<>()).add(
                                Long.parseLong(name));
                    } catch (IOException | RuntimeException e) {
                        // the process ended meanwhile
                    }
                }
            } catch (IOException e) {
                return -1;
            }
            long total = 0;
            boolean any = false;
            ArrayDeque<Long> todo = new ArrayDeque<>(List.of(pid));
            Set<Long> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                long p = todo.poll();
                if (!seen.add(p)) {
                    continue;
                }
                long kb = kilobytes(Path.of("/proc", String.valueOf(p), "smaps_rollup"), "Pss:");
                if (kb < 0) {
                    kb = kilobytes(Path.of("/proc", String.valueOf(p), "status"), "VmRSS:");
                }
                if (kb >= 0) {
                    total += kb * 1024;
                    any = true;
                }
                todo.addAll(children.getOrDefault(p, List.of()));
            }
            return any ? total : -1;
        }

        static long kilobytes(Path file, String field) {
            try {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith(field)) {
                        return Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such file, or the process ended meanwhile
            }
            return -1;
        }

        static String human(long bytes) {
            return bytes < 0 ? "NA" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
        }
    }

    // ---- statistics ----------------------------------------------------------------------------------

    /** A growable list of latencies in nanoseconds. */
    static final class Samples {
        private long[] a = new long[256];
        private int n;

        synchronized void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        synchronized void addAll(Samples o) {
            for (long v : o.values()) {
                add(v);
            }
        }

        synchronized long[] values() {
            return Arrays.copyOf(a, n);
        }

        long[] sorted() {
            long[] x = values();
            Arrays.sort(x);
            return x;
        }
    }

    /** Nearest-rank percentile of sorted values; -1 when there are none. */
    static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    static double ms(long nanos) {
        return nanos < 0 ? -1 : nanos / 1e6;
    }

    // ---- the protocol: response lines ----------------------------------------------------------------

    /** The connection is unusable (closed, bad response, protocol error). */
    static class Broken extends IOException {
        private static final long serialVersionUID = 1L;

        Broken(String why) {
            super(why);
        }
    }

    /** Nothing usable answers on the port: no listener, no IMAP greeting, or the first LOGIN is refused. */
    static final class NoServer extends Broken {
        private static final long serialVersionUID = 1L;

        NoServer(String why) {
            super(why);
        }
    }

    /**
     * One response line as the server sent it, literals left out: "{n}" stays in the text where the literal
     * was announced, the literal's octets are counted in {@code literalOctets} and dropped. What a benchmark
     * client needs from a response is in its text (tags, status, EXISTS, UIDNEXT, APPENDUID, SEARCH numbers);
     * dropping literal data keeps the reader's memory bounded however large a message the server returns.
     */
    record Line(String text, long literalOctets) {
    }

    /**
     * Assembles response lines from bytes as they arrive, split anywhere: a CRLF ends a line unless the line ends
     * with a literal announcement {n} (or {n+}, ~{n} of RFC 3516), in which case the n octets that follow belong to
     * the same response and the line goes on after them (RFC 9051 section 4.3). Used by the blocking client and by
     * the NIO sessions alike. A bare LF is accepted as a line end (lenient on what it reads); a line longer than
     * the limit, a literal over {@link #MAX_LITERAL} or a malformed count throw {@link Broken}.
     */
    static final class LineAssembler {
        private byte[] buf = new byte[128];
        private int len;
        private long skip;
        private long literalOctets;
        private final int maxLine;

        LineAssembler(int maxLine) {
            this.maxLine = maxLine;
        }

        /** Whether part of a response is buffered (a truncated stream ends inside a response). */
        boolean midResponse() {
            return len > 0 || skip > 0 || literalOctets > 0;
        }

        void feed(byte[] b, int off, int n, Consumer<Line> sink) throws Broken {
            int i = off;
            int end = off + n;
            while (i < end) {
                if (skip > 0) {
                    int k = (int) Math.min(skip, end - i);
                    skip -= k;
                    literalOctets += k;
                    i += k;
                    continue;
                }
                byte c = b[i++];
                if (c == '\n') {
                    int l = len > 0 && buf[len - 1] == '\r' ? len - 1 : len;
                    long lit = literalAt(buf, l);
                    len = l;
                    if (lit >= 0) {
                        skip = lit;
                        continue;
                    }
                    Line line = new Line(new String(buf, 0, l, StandardCharsets.ISO_8859_1), literalOctets);
                    len = 0;
                    literalOctets = 0;
                    if (buf.length > 4096) {
                        buf = new byte[128]; // do not keep a large buffer for the next small line
                    }
                    sink.accept(line);
                    continue;
                }
                if (len == buf.length) {
                    if (len >= maxLine) {
                        throw new Broken("response line longer than " + maxLine + " octets");
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(maxLine, len * 2L));
                }
                buf[len++] = c;
            }
        }

        /** The count of a literal announced at the end of b[0..l), or -1 when the line does not end in one. */
        static long literalAt(byte[] b, int l) throws Broken {
            if (l < 3 || b[l - 1] != '}') {
                return -1;
            }
            int j = l - 2;
            if (b[j] == '+') {
                j--;
            }
            int digitsEnd = j;
            while (j >= 0 && b[j] >= '0' && b[j] <= '9') {
                j--;
            }
            if (j < 0 || b[j] != '{' || j == digitsEnd) {
                return -1;
            }
            if (digitsEnd - j > 12) {
                throw new Broken("literal count of " + (digitsEnd - j) + " digits");
            }
            long n = Long.parseLong(new String(b, j + 1, digitsEnd - j, StandardCharsets.US_ASCII));
            if (n > MAX_LITERAL) {
                throw new Broken("literal of " + n + " octets announced, more than " + MAX_LITERAL);
            }
            return n;
        }
    }

    /** A tagged response: its tag, status (OK, NO, BAD) and whole text. */
    record Reply(String tag, String status, String text) {

        static Reply of(String tag, String line) {
            String rest = line.substring(Math.min(line.length(), tag.length() + 1));
            int sp = rest.indexOf(' ');
            String status = (sp < 0 ? rest : rest.substring(0, sp)).toUpperCase(Locale.ROOT);
            return new Reply(tag, status, line);
        }

        boolean ok() {
            return status.equals("OK");
        }

        /** The response code, e.g. "[TRYCREATE]", or the status' text shortened: for counting failures. */
        String code() {
            int a = text.indexOf('[');
            int b = text.indexOf(']', a + 1);
            if (a >= 0 && b > a && a < tag.length() + status.length() + 3) {
                return text.substring(a, b + 1);
            }
            String rest = text.substring(Math.min(text.length(), tag.length() + status.length() + 2));
            return shorten(rest);
        }

        /** The UID from an APPENDUID response code (RFC 4315), or -1. */
        long appendUid() {
            Matcher m = APPENDUID.matcher(text);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }

        static final Pattern APPENDUID = Pattern.compile("\\[APPENDUID \\d+ (\\d{1,10})]",
                Pattern.CASE_INSENSITIVE);
    }

    /** A blocking IMAP connection with just enough state for the benchmark: capabilities, EXISTS, UIDNEXT. */
    static final class Client implements Closeable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final LineAssembler assembler = new LineAssembler(MAX_LINE);
        final ArrayDeque<Line> ready = new ArrayDeque<>();
        final byte[] readBuf = new byte[64 * 1024];
        final Set<String> caps = new HashSet<>();
        boolean capsFromLogin;
        int tagNo;
        long exists = -1;
        long uidnext = -1;

        /** A client over a recorded byte stream, for the self test: nothing can be written. */
        Client(InputStream recorded) {
            socket = new Socket();
            in = recorded;
            out = OutputStream.nullOutputStream();
        }

        Client(String host, int port, int timeoutMs, InetAddress local) throws IOException {
            socket = new Socket();
            try {
                if (local != null) {
                    socket.bind(new InetSocketAddress(local, 0));
                }
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(timeoutMs);
                socket.connect(new InetSocketAddress(host, port), timeoutMs);
                in = socket.getInputStream();
                out = new java.io.BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        void greeting() throws IOException {
            Line l = next();
            if (!l.text.regionMatches(true, 0, "* OK", 0, 4) && !l.text.regionMatches(true, 0, "* PREAUTH", 0, 9)) {
                throw new NoServer("greeting: " + shorten(l.text));
            }
            track(l);
        }

        String tag() {
            return "a" + (++tagNo);
        }

        void write(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.US_ASCII));
        }

        void writeBytes(byte[] b) throws IOException {
            out.write(b);
        }

        void flush() throws IOException {
            out.flush();
        }

        /** Sends one command line and reads through its tagged response; untagged lines go to {@code untagged}. */
        Reply command(String cmd, Consumer<Line> untagged) throws IOException {
            String tag = tag();
            write(tag + " " + cmd + "\r\n");
            flush();
            return await(tag, untagged);
        }

        /** LOGOUT: the server answers "* BYE" and the tagged OK, and may close before the OK is read. */
        void logout() {
            try {
                String tag = tag();
                write(tag + " LOGOUT\r\n");
                flush();
                while (true) {
                    Line l = next();
                    if (l.text.startsWith(tag + " ")) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the session ends either way
            }
        }

        /** APPEND with a literal: non-synchronising with LITERAL+, else after the server's continuation. */
        Reply append(String mailbox, String flags, byte[] message, boolean literalPlus) throws IOException {
            String tag = tag();
            write(tag + " APPEND " + quote(mailbox) + " " + flags + " {" + message.length + (literalPlus ? "+" : "")
                    + "}\r\n");
            if (!literalPlus) {
                flush();
                Reply early = awaitContinuation(tag);
                if (early != null) {
                    return early;
                }
            }
            writeBytes(message);
            write("\r\n");
            flush();
            return await(tag, null);
        }

        Line next() throws IOException {
            while (ready.isEmpty()) {
                int n = in.read(readBuf);
                if (n < 0) {
                    throw new Broken(assembler.midResponse() ? "connection closed in the middle of a response"
                            : "connection closed by the server");
                }
                assembler.feed(readBuf, 0, n, ready::add);
            }
            return ready.poll();
        }

        Reply await(String tag, Consumer<Line> untagged) throws IOException {
            String tagged = tag + " ";
            while (true) {
                Line l = next();
                String t = l.text;
                if (t.startsWith(tagged)) {
                    Reply r = Reply.of(tag, t);
                    track(l);
                    return r;
                }
                if (t.startsWith("* ")) {
                    track(l);
                    if (t.regionMatches(true, 0, "* BYE", 0, 5)) {
                        throw new Broken("server said " + shorten(t));
                    }
                    if (untagged != null) {
                        untagged.accept(l);
                    }
                    continue;
                }
                throw new Broken("unexpected response: " + shorten(t));
            }
        }

        /** Reads until the continuation request ("+"), returning null, or the command's tagged response. */
        Reply awaitContinuation(String tag) throws IOException {
            while (true) {
                Line l = next();
                String t = l.text;
                if (t.startsWith("+")) {
                    return null;
                }
                if (t.startsWith(tag + " ")) {
                    return Reply.of(tag, t);
                }
                if (t.startsWith("* ")) {
                    track(l);
                    if (t.regionMatches(true, 0, "* BYE", 0, 5)) {
                        throw new Broken("server said " + shorten(t));
                    }
                    continue;
                }
                throw new Broken("unexpected response: " + shorten(t));
            }
        }

        /** Keeps what the benchmark needs from a response: EXISTS, EXPUNGE, UIDNEXT, capabilities. */
        void track(Line l) {
            String t = l.text;
            if (t.endsWith(")")) {
                return; // FETCH data, FLAGS, STATUS: nothing to keep, and the cheap test keeps a 100 000-line
                        // FETCH 1:* response from paying for the regular expressions below
            }
            Matcher m;
            if ((m = EXISTS.matcher(t)).matches()) {
                exists = Long.parseLong(m.group(1));
            } else if ((m = EXPUNGE.matcher(t)).matches()) {
                exists = Math.max(0, exists - 1);
            } else if ((m = UIDNEXT.matcher(t)).find()) {
                uidnext = Long.parseLong(m.group(1));
            } else if (t.regionMatches(true, 0, "* CAPABILITY ", 0, 13)) {
                setCaps(t.substring(13));
            } else if ((m = CAPABILITY_CODE.matcher(t)).find()) {
                setCaps(m.group(1));
                if (!t.startsWith("* ")) {
                    capsFromLogin = true;
                }
            }
        }

        private void setCaps(String list) {
            caps.clear();
            for (String c : list.trim().split(" +")) {
                caps.add(c.toUpperCase(Locale.ROOT));
            }
        }

        static final Pattern EXPUNGE = Pattern.compile("\\* \\d{1,10} EXPUNGE", Pattern.CASE_INSENSITIVE);
        static final Pattern UIDNEXT = Pattern.compile("\\[UIDNEXT (\\d{1,10})]", Pattern.CASE_INSENSITIVE);
        static final Pattern CAPABILITY_CODE = Pattern.compile("\\[CAPABILITY ([^\\]]*)]", Pattern.CASE_INSENSITIVE);

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    // ---- messages ------------------------------------------------------------------------------------

    /**
     * Realistic text: a pool of body lines (words of a small vocabulary, at most 78 characters), from which each
     * message takes lines starting at an offset given by its number, so that consecutive messages differ. Every
     * fifth message is a reply (In-Reply-To, References), as in a mailbox with threads.
     */
    static final class BodyPool {
        static final String[] WORDS = ("the of and to in is that for it as was with be by on not he this are or his"
                + " from at which but have an they you were her she there been one all we their has would when if so"
                + " no will can more out up said about other into than its time only could new them man some these"
                + " then two first may any like now my such make over our even most me state after also made many"
                + " meeting invoice schedule quarterly report attached please review comments regards thanks server"
                + " queue delivery mailbox message latency throughput benchmark postmaster folder unread flag")
                .split(" ");
        static final String[] NAMES = {"Alice Martin", "Bob Schneider", "Carla Rossi", "Dmitri Ivanov", "Eve Dubois",
            "Farid Haddad", "Grace Kim", "Hiro Tanaka", "Ines Garcia", "Jan de Vries"};
        final String[] lines;

        BodyPool(long seed) {
            Random r = new Random(seed);
            lines = new String[4096];
            for (int i = 0; i < lines.length; i++) {
                StringBuilder sb = new StringBuilder();
                int target = 40 + r.nextInt(36);
                while (true) {
                    String w = WORDS[r.nextInt(WORDS.length)];
                    int extra = sb.length() == 0 ? w.length() : w.length() + 1;
                    if (sb.length() + extra > target) {
                        break;
                    }
                    if (sb.length() > 0) {
                        sb.append(' ');
                    }
                    sb.append(w);
                }
                if (r.nextInt(5) == 0) {
                    sb.append('.');
                }
                if (r.nextInt(12) == 0) {
                    sb.setLength(0);
                }
                lines[i] = sb.toString();
            }
        }

        static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

        /** Writes one message of exactly {@code size} octets, CRLF line ends; returns its Message-ID. */
        String message(ByteArrayOutputStream out, int idx, String from, String to, int size) {
            String id = "<" + idx + "." + Long.toHexString(System.nanoTime()) + "@bench.example>";
            StringBuilder h = new StringBuilder(600);
            h.append("Date: ").append(DATE.format(ZonedDateTime.now())).append("\r\n");
            h.append("From: ").append(NAMES[Math.floorMod(idx, NAMES.length)]).append(" <").append(from)
                    .append(">\r\n");
            h.append("To: <").append(to).append(">\r\n");
            String subject = "Benchmark message " + idx + " - " + lines[Math.floorMod(idx, lines.length)]
                    .replace(".", "").trim();
            if (idx % 5 == 1) {
                subject = "Re: " + subject;
            }
            h.append("Subject: ").append(subject.length() > 69 ? subject.substring(0, 69).trim() : subject)
                    .append("\r\n");
            h.append("Message-ID: ").append(id).append("\r\n");
            if (idx % 5 == 1) {
                String parent = "<" + (idx - 1) + ".thread@bench.example>";
                h.append("In-Reply-To: ").append(parent).append("\r\n");
                h.append("References: ").append(parent).append("\r\n");
            }
            h.append("MIME-Version: 1.0\r\n");
            h.append("Content-Type: text/plain; charset=us-ascii\r\n");
            h.append("Content-Transfer-Encoding: 7bit\r\n");
            h.append("\r\n");
            byte[] head = h.toString().getBytes(StandardCharsets.US_ASCII);
            if (head.length + 2 > size) {
                throw new IllegalStateException("size too small for the headers");
            }
            out.write(head, 0, head.length);
            int remaining = size - head.length;
            int i = Math.floorMod(idx * 7919, lines.length);
            while (remaining > 0) {
                String l = lines[i++ % lines.length];
                int n = l.length() + 2;
                if (remaining - n < 2 && remaining - n != 0) {
                    int chars = remaining - 2;
                    StringBuilder last = new StringBuilder(chars);
                    String src = l.isEmpty() ? "end of message" : l;
                    while (last.length() < chars) {
                        last.append(src.charAt(last.length() % src.length()));
                    }
                    l = last.toString();
                    n = remaining;
                }
                byte[] b = l.getBytes(StandardCharsets.US_ASCII);
                out.write(b, 0, b.length);
                out.write('\r');
                out.write('\n');
                remaining -= n;
            }
            return id;
        }
    }

    // ---- self test -----------------------------------------------------------------------------------

    /** The response reader against split, malformed, oversized, truncated and hostile input. */
    static final class SelfTest {
        static int failed;
        static int passed;

        static int run() throws Exception {
            // plain lines, CRLF and bare LF
            check("two lines", lines("* OK ready\r\na1 OK done\n", 1000), List.of("* OK ready", "a1 OK done"));
            // a literal in the middle of a FETCH response, split at every possible position
            String fetch = "* 1 FETCH (BODY[HEADER] {12}\r\nSubject: x\r\n UID 5)\r\na1 OK\r\n";
            for (int split = 1; split < fetch.length(); split++) {
                List<Line> got = new ArrayList<>();
                LineAssembler a = new LineAssembler(1000);
                byte[] b = fetch.getBytes(StandardCharsets.US_ASCII);
                a.feed(b, 0, split, got::add);
                a.feed(b, split, b.length - split, got::add);
                check("literal split at " + split, texts(got), List.of("* 1 FETCH (BODY[HEADER] {12} UID 5)",
                        "a1 OK"));
                check("literal octets at " + split, got.get(0).literalOctets(), 12L);
            }
            // byte by byte, two literals in one response, a non-synchronising and a zero-length one
            check("byte by byte", bytewise("* 2 FETCH (A {3}\r\nabc B {0+}\r\n C ~{2}\r\n\r\n)\r\n"),
                    List.of("* 2 FETCH (A {3} B {0+} C ~{2})"));
            // a literal whose content looks like a tagged response and a literal announcement
            check("hostile literal content", lines("* 3 FETCH (X {17}\r\na1 OK fake {99}\r\n)\r\na1 OK\r\n",
                    1000), List.of("* 3 FETCH (X {17})", "a1 OK"));
            // lines ending in braces that are no literal
            check("not literals", lines("* OK {abc}\r\n* OK {}\r\n* OK }\r\n* OK {1x}\r\n", 1000),
                    List.of("* OK {abc}", "* OK {}", "* OK }", "* OK {1x}"));
            // oversized line
            expectBroken("line over the limit", "* OK " + "x".repeat(2000) + "\r\n", 1000);
            // a 2 GB literal announcement, and a count of many digits
            expectBroken("literal over 1 GiB", "* 1 FETCH (BODY[] {2147483648}\r\n", 1000);
            expectBroken("literal count of 30 digits", "* 1 FETCH (BODY[] {" + "9".repeat(30) + "}\r\n", 1000);
            // truncated: inside a line, inside a literal
            LineAssembler t = new LineAssembler(1000);
            List<Line> sink = new ArrayList<>();
            t.feed("* 1 FETCH (X {10}\r\nabc".getBytes(StandardCharsets.US_ASCII), 0, 22, sink::add);
            check("truncated in a literal: nothing emitted", sink.size(), 0);
            check("truncated in a literal: mid-response", t.midResponse(), true);
            LineAssembler u = new LineAssembler(1000);
            u.feed("a1 OK do".getBytes(StandardCharsets.US_ASCII), 0, 8, sink::add);
            check("truncated line: mid-response", u.midResponse(), true);
            // a line of exactly the limit passes, one octet more does not
            check("line at the limit", lines("x".repeat(998) + "\r\n", 1000).size(), 1);
            expectBroken("line one over the limit", "x".repeat(1001) + "\r\n", 1000);
            // a negative count and a bare CR are no literal and no line end
            check("negative count", lines("* OK {-5}\r\n* OK a\rb\r\n", 1000), List.of("* OK {-5}", "* OK a\rb"));
            // a literal of 256 MiB streamed in 64 KiB pieces: counted and dropped, the line stays small
            LineAssembler huge = new LineAssembler(1000);
            List<Line> hugeOut = new ArrayList<>();
            byte[] head = "* 9 FETCH (BODY[] {268435456}\r\n".getBytes(StandardCharsets.US_ASCII);
            huge.feed(head, 0, head.length, hugeOut::add);
            byte[] chunk = new byte[65536];
            for (int i = 0; i < 4096; i++) {
                huge.feed(chunk, 0, chunk.length, hugeOut::add);
            }
            huge.feed(")\r\n".getBytes(StandardCharsets.US_ASCII), 0, 3, hugeOut::add);
            check("256 MiB literal: one line", texts(hugeOut), List.of("* 9 FETCH (BODY[] {268435456})"));
            check("256 MiB literal: counted", hugeOut.get(0).literalOctets(), 268_435_456L);
            // the blocking client: a stream cut inside a literal, a foreign tag, BYE, a continuation out of place
            expectClientBroken("cut inside a literal", "* 1 FETCH (X {10}\r\nabc", "middle of a response");
            expectClientBroken("foreign tag", "zz9 OK what\r\n", "unexpected response");
            expectClientBroken("BYE", "* BYE going away\r\n", "server said");
            expectClientBroken("continuation", "+ more\r\n", "unexpected response");
            expectClientBroken("closed before the answer", "* 1 EXISTS\r\n", "closed by the server");
            // tagged response parsing
            Reply r = Reply.of("a7", "a7 OK [APPENDUID 1700000000 4242] Append completed.");
            check("APPENDUID", r.appendUid(), 4242L);
            check("status", r.status(), "OK");
            Reply no = Reply.of("a8", "a8 NO [TRYCREATE] Mailbox doesn't exist: X");
            check("code", no.code(), "[TRYCREATE]");
            check("not ok", no.ok(), false);
            check("bare status", Reply.of("a9", "a9 BAD").status(), "BAD");
            check("status in lower case", Reply.of("a9", "a9 ok fine").ok(), true);
            // user ranges
            check("expand", expand("u{1..3}@d, x@e"), List.of("u1@d", "u2@d", "u3@d", "x@e"));
            // messages have exactly the size asked for, CRLF line ends, lines of at most 78 characters
            BodyPool pool = new BodyPool(1);
            for (int s : new int[] {600, 1000, 4096, 10240, 100_000}) {
                for (int idx = 0; idx < 6; idx++) {
                    ByteArrayOutputStream o = new ByteArrayOutputStream();
                    pool.message(o, idx, "a@b.example", "c@d.example", s);
                    String m = o.toString(StandardCharsets.US_ASCII);
                    check("size " + s + " #" + idx, o.size(), s);
                    check("CRLF " + s + " #" + idx, m.replace("\r\n", "").indexOf('\n') < 0
                            && m.replace("\r\n", "").indexOf('\r') < 0 && m.endsWith("\r\n"), true);
                    check("line length " + s + " #" + idx, Arrays.stream(m.split("\r\n"))
                            .allMatch(x -> x.length() <= 78), true);
                }
            }
            // the client's own cost of reading a UID FETCH 1:* (FLAGS) response of 100 000 messages, so that it
            // can be told apart from the server's in the select figure
            ByteArrayOutputStream big = new ByteArrayOutputStream();
            for (int i = 1; i <= 100_000; i++) {
                big.writeBytes(("* " + i + " FETCH (UID " + i + " FLAGS (\\Seen))\r\n").getBytes(
                        StandardCharsets.US_ASCII));
            }
            big.writeBytes("a1 OK Fetch completed.\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] wire = big.toByteArray();
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 10; round++) {
                long t0 = System.nanoTime();
                Client c = new Client(new java.io.ByteArrayInputStream(wire));
                long[] count = {0};
                Reply done = c.await("a1", l -> count[0]++);
                best = Math.min(best, System.nanoTime() - t0);
                check("100 000 FETCH lines read", count[0], 100_000L);
                check("tagged OK after them", done.ok(), true);
            }
            System.out.printf(Locale.ROOT, "selftest: the client reads a 100 000-message UID FETCH 1:* (FLAGS) response"
                    + " (%.1f MiB) in %.1f ms (best of 10)%n", wire.length / 1048576.0, ms(best));
            System.out.println("selftest: " + passed + " passed, " + failed + " failed");
            System.out.println("RESULT imapload mode=selftest passed=" + passed + " failed=" + failed);
            return failed == 0 ? 0 : 1;
        }

        static List<String> lines(String s, int max) throws Broken {
            List<Line> got = new ArrayList<>();
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            new LineAssembler(max).feed(b, 0, b.length, got::add);
            return texts(got);
        }

        static List<String> bytewise(String s) throws Broken {
            List<Line> got = new ArrayList<>();
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            LineAssembler a = new LineAssembler(1000);
            for (int i = 0; i < b.length; i++) {
                a.feed(b, i, 1, got::add);
            }
            return texts(got);
        }

        static List<String> texts(List<Line> l) {
            List<String> out = new ArrayList<>();
            for (Line x : l) {
                out.add(x.text());
            }
            return out;
        }

        static void expectBroken(String what, String input, int max) {
            try {
                lines(input, max);
                failed++;
                System.out.println("FAIL " + what + ": accepted");
            } catch (Broken e) {
                passed++;
            }
        }

        static void expectClientBroken(String what, String stream, String why) {
            try {
                new Client(new java.io.ByteArrayInputStream(stream.getBytes(StandardCharsets.US_ASCII)))
                        .await("a1", null);
                failed++;
                System.out.println("FAIL " + what + ": accepted");
            } catch (Broken e) {
                check(what + ": " + e.getMessage(), e.getMessage().contains(why), true);
            } catch (IOException e) {
                failed++;
                System.out.println("FAIL " + what + ": " + e);
            }
        }

        static void check(String what, Object got, Object want) {
            if (got.equals(want)) {
                passed++;
            } else {
                failed++;
                System.out.println("FAIL " + what + ": got " + got + ", want " + want);
            }
        }
    }
}
