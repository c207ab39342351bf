package org.postilion.connector.imap.transcript;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postilion.connector.imap.ImapSettings;
import org.postilion.connector.net.EventLoops;
import org.postilion.connector.spi.AuthThrottle;
import org.postilion.connector.spi.imap.FlagChange;
import org.postilion.connector.spi.imap.MailboxException;
import org.postilion.connector.spi.imap.SystemFlags;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the server asks of the store, seen from the fake store's record of calls, and contents checked octet for
 * octet: FLAGS never touch content, partial fetches read only their range, large bodies are read in pieces and
 * arrive whole, large APPENDs arrive whole, IDLE polls without signals, store failures are temporary.
 */
class ImapServerTest {

    private static final String USER = "bob@example.com";
    private static final String PASSWORD = "bob's password";

    private static EventLoops loops;
    private FakeImapStore store;
    private FakeImapBackend backend;
    private ImapTestServer server;

    @BeforeAll
    static void startEventLoops() {
        loops = new EventLoops(2);
    }

    @AfterAll
    static void stopEventLoops() {
        loops.close();
    }

    private ImapTestClient start(ImapSettings settings) throws IOException {
        store = new FakeImapStore();
        store.open(USER);
        backend = new FakeImapBackend(store);
        server = ImapTestServer.start(loops, settings, backend, store, AuthThrottle.defaults());
        ImapTestClient client = new ImapTestClient(server.address());
        assertTrue(client.greeting().startsWith("* OK [CAPABILITY "));
        return client;
    }

    private ImapTestClient start() throws IOException {
        return start(ImapSettings.defaults("imap.test"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private static String bigMessage(int size) {
        StringBuilder sb = new StringBuilder("Subject: big\r\n\r\n");
        int line = 0;
        while (sb.length() < size - 80) {
            sb.append(String.format("%07d", line++)).append(" ").append("z".repeat(70)).append("\r\n");
        }
        return sb.toString();
    }

    @Test
    void fetchesFlagsOfThousandsOfMessagesWithoutDescribingOrReadingAny() throws IOException {
        try (ImapTestClient c = start()) {
            for (int i = 0; i < 3000; i++) {
                store.deliver(USER, "INBOX", "Subject: " + i + "\r\n\r\nbody\r\n");
            }
            c.login(USER, PASSWORD);
            c.command("SELECT INBOX");
            store.clearCalls();
            ImapTestClient.Response r = c.command("FETCH 1:* (FLAGS UID)");
            assertEquals("t3 OK FETCH completed", r.tagged());
            assertEquals(3001, r.lines().size());
            // the first SELECT claimed them all: \Recent in this session
            assertEquals("* 3000 FETCH (FLAGS (\\Recent) UID 3000)", r.lines().get(2999));
            assertTrue(store.calls().stream().noneMatch(call -> call.startsWith("describe") || call.startsWith("read")),
                    store.calls().toString());
        }
    }

    @Test
    void readsOnlyThePartialRangeOfALargeMessage() throws IOException {
        try (ImapTestClient c = start()) {
            String message = bigMessage(1_000_000);
            long uid = store.deliver(USER, "INBOX", message);
            c.login(USER, PASSWORD);
            c.command("SELECT INBOX");
            store.clearCalls();
            ImapTestClient.Response r = c.command("FETCH 1 BODY.PEEK[]<0.10024>");
            assertEquals("t3 OK FETCH completed", r.tagged());
            assertArrayEquals(message.substring(0, 10024).getBytes(StandardCharsets.US_ASCII), r.literals().get(0));
            assertEquals(List.of("describe 1", "read " + uid + " 0 10024"),
                    store.calls().stream().filter(x -> !x.startsWith("changes")).toList());
        }
    }

    @Test
    void streamsALargeBodyInPiecesOfAtMost256KiBAndSetsSeen() throws IOException {
        try (ImapTestClient c = start()) {
            String message = bigMessage(3_000_000);
            long uid = store.deliver(USER, "INBOX", message);
            c.login(USER, PASSWORD);
            c.command("SELECT INBOX");
            store.clearCalls();
            ImapTestClient.Response r = c.command("FETCH 1 BODY[]");
            assertEquals("t3 OK FETCH completed", r.tagged());
            assertArrayEquals(message.getBytes(StandardCharsets.US_ASCII), r.literals().get(0));
            assertTrue(r.lines().get(0).endsWith(" FLAGS (\\Seen \\Recent))"), r.lines().get(0));
            List<String> reads = store.calls().stream().filter(x -> x.startsWith("read")).toList();
            assertEquals((message.length() + 262143) / 262144, reads.size(), reads.toString());
            assertTrue(reads.stream().allMatch(x -> Integer.parseInt(x.split(" ")[3]) <= 262144), reads.toString());
            assertEquals(SystemFlags.SEEN, store.flags(USER, "INBOX", uid));
        } catch (org.postilion.connector.spi.imap.MailboxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readsOnlyTheHeaderForHeaderFields() throws IOException {
        try (ImapTestClient c = start()) {
            String message = bigMessage(500_000);
            long uid = store.deliver(USER, "INBOX", message);
            c.login(USER, PASSWORD);
            c.command("SELECT INBOX");
            store.clearCalls();
            ImapTestClient.Response r = c.command("UID FETCH " + uid + " (BODY.PEEK[HEADER.FIELDS (SUBJECT)] RFC822.SIZE)");
            assertEquals("Subject: big\r\n\r\n", new String(r.literals().get(0), StandardCharsets.US_ASCII));
            assertTrue(r.lines().get(0).contains("RFC822.SIZE " + message.length()), r.lines().get(0));
            assertEquals(List.of("readHeaders 1"), store.calls().stream().filter(x -> x.startsWith("read")).toList());
        }
    }

    @Test
    void readsTheHeadersOfAMessageListWindowInOneStoreCall() throws IOException {
        try (ImapTestClient c = start()) {
            for (int i = 1; i <= 300; i++) {
                store.deliver(USER, "INBOX", "From: a" + i + "@example.com\r\nSubject: number " + i
                        + "\r\nX-Other: x\r\n\r\nbody " + i + "\r\n");
            }
            c.login(USER, PASSWORD);
            c.command("SELECT INBOX");
            store.clearCalls();
            ImapTestClient.Response r = c.command("UID FETCH 1:300 (UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS"
                    + " (From Subject)] BODY.PEEK[HEADER])");
            assertEquals(600, r.literals().size());
            assertEquals("From: a7@example.com\r\nSubject: number 7\r\n\r\n",
                    new String(r.literals().get(12), StandardCharsets.US_ASCII));
            assertEquals("From: a7@example.com\r\nSubject: number 7\r\nX-Other: x\r\n\r\n",
                    new String(r.literals().get(13), StandardCharsets.US_ASCII));
            // batches of 256: two describe and two readHeaders calls, not one read per message
            assertEquals(List.of("describe 256", "describe 44", "readHeaders 256", "readHeaders 44"),
                    store.calls().stream().filter(x -> x.startsWith("read") || x.startsWith("describe"))
                            .sorted().toList());
        }
    }

    @Test
    void appendsAMessageLargerThanTheSpoolThresholdWhole() throws IOException, Exception {
        try (ImapTestClient c = start(ImapSettings.defaults("imap.test").toBuilder().spoolThreshold(64 * 1024).build())) {
            c.login(USER, PASSWORD);
            byte[] message = bigMessage(2_000_000).getBytes(StandardCharsets.US_ASCII);
            c.send(("a APPEND INBOX (\\Seen) {" + message.length + "}\r\n").getBytes(StandardCharsets.US_ASCII));
            assertEquals("+ Ready for literal data", c.readLine());
            c.send(message);
            c.send("\r\n".getBytes(StandardCharsets.US_ASCII));
            ImapTestClient.Response r = c.readUntil("a");
            assertTrue(r.tagged().matches("a OK \\[APPENDUID 1 1\\] APPEND completed"), r.tagged());
            assertArrayEquals(message, store.content(USER, "INBOX", 1));
            assertEquals(SystemFlags.SEEN, store.flags(USER, "INBOX", 1));
        }
    }

    @Test
    void anIdleSessionLearnsOfAnUnsignalledChangeAtItsNextPoll() throws IOException {
        try (ImapTestClient c = start(ImapSettings.defaults("imap.test").toBuilder()
                .pollInterval(Duration.ofMillis(200)).build())) {
            c.login(USER, PASSWORD);
            c.command("SELECT INBOX");
            c.send("i IDLE\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("+ idling", c.readLine());
            store.signalTo(id -> { });
            store.deliver(USER, "INBOX", "Subject: quiet\r\n\r\nno signal\r\n");
            long start = System.nanoTime();
            assertEquals("* 1 EXISTS", c.readLine());
            assertEquals("* 1 RECENT", c.readLine());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2000);
            c.send("DONE\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("i OK IDLE terminated", c.readLine());
        }
    }

    @Test
    void sessionsWokenByOneSignalShareOneQuestionToTheStore() throws IOException {
        List<ImapTestClient> clients = new ArrayList<>();
        try {
            clients.add(start());
            for (int i = 1; i < 12; i++) {
                ImapTestClient c = new ImapTestClient(server.address());
                c.greeting();
                clients.add(c);
            }
            for (ImapTestClient c : clients) {
                c.login(USER, PASSWORD);
                c.command("SELECT INBOX");
                c.send("i IDLE\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("+ idling", c.readLine());
            }
            // IDLE's own first poll answers after "+ idling": let the twelve finish before counting
            long quiet = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            int seen;
            do {
                seen = store.calls().size();
                sleep(100);
            } while (seen != store.calls().size() && System.nanoTime() < quiet);
            store.slowChanges(300); // every session is woken while the first one's question is still out
            store.clearCalls();
            store.deliver(USER, "INBOX", "Subject: one\r\n\r\nfor everybody\r\n");
            int recent = 0;
            for (ImapTestClient c : clients) {
                assertEquals("* 1 EXISTS", c.readLine());
                recent += recentCount(c.readLine());
            }
            assertEquals(1, recent, "the message is \\Recent in one session");
            assertEquals(1, store.calls().stream().filter(call -> call.startsWith("changes ")).count(),
                    "one store call for twelve sessions: " + store.calls());
            assertEquals(1, store.calls().stream().filter(call -> call.startsWith("claimRecent ")).count(),
                    "one session claims \\Recent for all: " + store.calls());
            store.slowChanges(0);
            store.deliver(USER, "INBOX", "Subject: two\r\n\r\na later signal is asked afresh\r\n");
            for (ImapTestClient c : clients) {
                assertEquals("* 2 EXISTS", c.readLine());
                recentCount(c.readLine());
                c.send("DONE\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("i OK IDLE terminated", c.readLine());
            }
        } finally {
            for (ImapTestClient c : clients) {
                c.close();
            }
        }
    }

    private static int recentCount(String line) {
        assertTrue(line.matches("\\* \\d+ RECENT"), line);
        return Integer.parseInt(line.split(" ")[1]);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void qresyncBelowThePrunedTombstonesAnswersEveryMissingUidWithinTheKnownOnes() throws Exception {
        try (ImapTestClient c = start()) {
            for (int i = 1; i <= 6; i++) {
                store.deliver(USER, "INBOX", "Subject: " + i + "\r\n\r\nbody\r\n");
            }
            c.login(USER, PASSWORD);
            c.command("ENABLE QRESYNC");
            c.command("SELECT INBOX");
            expunge(c, 1);
            long known = store.highestModseq(USER, "INBOX"); // a client last synchronised here
            expunge(c, 2);
            store.pruneTombstones(USER, "INBOX", store.highestModseq(USER, "INBOX"));
            long floor = store.highestModseq(USER, "INBOX");
            expunge(c, 5);
            c.command("UNSELECT");

            // the tombstone of UID 2 is gone: the superset, every UID below UIDNEXT that no longer exists
            assertEquals(List.of("* VANISHED (EARLIER) 1:2,5"),
                    vanished(c.command("SELECT INBOX (QRESYNC (1 " + known + "))")));
            // limited to the UIDs the client says it knows
            assertEquals(List.of("* VANISHED (EARLIER) 2,5"),
                    vanished(c.command("SELECT INBOX (QRESYNC (1 " + known + " 2:6))")));
            assertEquals(List.of("* VANISHED (EARLIER) 1:2"),
                    vanished(c.command("UID FETCH 1:4 (FLAGS) (CHANGEDSINCE " + known + " VANISHED)")));
            // at or above the floor the tombstones are exact
            assertEquals(List.of("* VANISHED (EARLIER) 5"),
                    vanished(c.command("SELECT INBOX (QRESYNC (1 " + floor + "))")));
        }
    }

    private static void expunge(ImapTestClient c, long uid) throws IOException {
        assertTrue(c.command("UID STORE " + uid + " +FLAGS.SILENT (\\Deleted)").tagged().contains("OK"));
        assertTrue(c.command("UID EXPUNGE " + uid).tagged().contains("OK"));
    }

    private static List<String> vanished(ImapTestClient.Response r) {
        assertTrue(r.tagged().contains(" OK "), r.lines().toString());
        return r.lines().stream().filter(l -> l.startsWith("* VANISHED")).toList();
    }

    @Test
    void aCommandAsksTheStoreForChangesOnlyAfterASignalOrThePollInterval() throws IOException {
        try (ImapTestClient c = start(ImapSettings.defaults("imap.test").toBuilder()
                .pollInterval(Duration.ofMillis(300)).build())) {
            c.login(USER, PASSWORD);
            c.command("SELECT INBOX");
            c.command("NOOP"); // the first look after SELECT
            store.clearCalls();
            assertEquals("t4 OK NOOP completed", c.command("NOOP").tagged());
            assertEquals("t5 OK SEARCH completed", c.command("SEARCH ALL").tagged());
            assertEquals(List.of(), changesCalls(), "nothing signalled: no store call");

            store.deliver(USER, "INBOX", "Subject: news\r\n\r\nsignalled\r\n");
            ImapTestClient.Response r = c.command("NOOP");
            assertTrue(r.lines().contains("* 1 EXISTS"), r.lines().toString());
            assertEquals(1, changesCalls().size());

            store.signalTo(id -> { }); // a signal lost on its way from another node
            store.deliver(USER, "INBOX", "Subject: quiet\r\n\r\nnot signalled\r\n");
            assertEquals(List.of("t7 OK NOOP completed"), c.command("NOOP").lines(), "within the poll interval");
            sleep(350);
            r = c.command("NOOP");
            assertTrue(r.lines().contains("* 2 EXISTS"), "after the poll interval the store is asked: " + r.lines());
        }
    }

    private List<String> changesCalls() {
        return store.calls().stream().filter(call -> call.startsWith("changes ")).toList();
    }

    @Test
    void leavesOutAMessageExpungedBetweenItsDescriptionAndItsContentAndKeepsTheConnection()
            throws IOException, MailboxException {
        try (ImapTestClient c = start()) {
            long first = store.deliver(USER, "INBOX", "Subject: one\r\n\r\nfirst\r\n");
            store.deliver(USER, "INBOX", "Subject: two\r\n\r\nsecond\r\n");
            c.login(USER, PASSWORD);
            c.command("SELECT INBOX");
            long inbox = store.select(USER, "INBOX").mailboxId();
            // another session expunges message 1 after this FETCH described it, before its content is read
            store.afterNextDescribe(() -> {
                try {
                    store.store(USER, inbox, new long[] {first},
                            new FlagChange(FlagChange.Mode.ADD, SystemFlags.DELETED, List.of()), 0);
                    store.expunge(USER, inbox, new long[] {first});
                } catch (MailboxException e) {
                    throw new IllegalStateException(e);
                }
            });
            ImapTestClient.Response r = c.command("FETCH 1:2 (UID BODY.PEEK[HEADER.FIELDS (Subject)] BODY.PEEK[TEXT])");
            assertEquals("t3 NO [EXPUNGEISSUED] Some messages were expunged meanwhile", r.tagged());
            assertEquals(2, r.literals().size(), "message 2 only: " + r.lines());
            assertEquals("Subject: two\r\n\r\n", new String(r.literals().get(0), StandardCharsets.US_ASCII));
            ImapTestClient.Response noop = c.command("NOOP");
            assertTrue(noop.lines().contains("* 1 EXPUNGE"), "the connection goes on: " + noop.lines());
        }
    }

    @Test
    void answersStoreFailuresAsTemporaryAndGoesOn() throws IOException {
        try (ImapTestClient c = start()) {
            c.login(USER, PASSWORD);
            store.breakDown(true);
            assertEquals("t2 NO [UNAVAILABLE] The mail store is not available now, try again later",
                    c.command("SELECT INBOX").tagged());
            assertEquals("t3 NO [UNAVAILABLE] The mail store is not available now, try again later",
                    c.command("LIST \"\" *").tagged());
            store.breakDown(false);
            assertTrue(c.command("SELECT INBOX").tagged().startsWith("t4 OK [READ-WRITE]"));
        }
    }

    @Test
    void refusesConnectionsWhileTheBackendIsUnavailable() throws IOException {
        store = new FakeImapStore();
        backend = new FakeImapBackend(store);
        backend.setAvailable(false);
        server = ImapTestServer.start(loops, ImapSettings.defaults("imap.test"), backend, store, AuthThrottle.defaults());
        try (ImapTestClient c = new ImapTestClient(server.address())) {
            assertEquals("* BYE [UNAVAILABLE] Service not available, try again later", c.greeting());
            assertEquals(null, c.readLine());
        }
    }

    @Test
    void refusesLoginsFromAnAddressThatFailedTooOftenEvenWithTheRightPassword() throws IOException {
        store = new FakeImapStore();
        backend = new FakeImapBackend(store);
        AuthThrottle throttle = new AuthThrottle(2, 100, Duration.ofMinutes(15), java.time.Clock.systemUTC());
        server = ImapTestServer.start(loops, ImapSettings.defaults("imap.test").toBuilder()
                .authFailureDelay(Duration.ZERO).build(), backend, store, throttle);
        try (ImapTestClient c = new ImapTestClient(server.address())) {
            c.greeting();
            assertEquals("t1 NO [AUTHENTICATIONFAILED] Authentication failed", c.login(USER, "wrong").tagged());
            assertEquals("t2 NO [AUTHENTICATIONFAILED] Authentication failed", c.login(USER, "wrong").tagged());
        }
        try (ImapTestClient c = new ImapTestClient(server.address())) {
            c.greeting();
            assertEquals("t1 NO [UNAVAILABLE] Too many failed logins, try again later", c.login(USER, PASSWORD).tagged());
            assertEquals("t2 NO [UNAVAILABLE] Too many failed logins, try again later",
                    c.command("AUTHENTICATE PLAIN AGJvYkBleGFtcGxlLmNvbQBib2IncyBwYXNzd29yZA==").tagged());
        }
    }

    @Test
    void limitsConnectionsPerClient() throws IOException {
        store = new FakeImapStore();
        backend = new FakeImapBackend(store);
        server = ImapTestServer.start(loops, ImapSettings.defaults("imap.test").toBuilder().maxConnectionsPerClient(2)
                .build(), backend, store, AuthThrottle.defaults());
        // each greeting is read before the next connection: the server counts a connection when its event loop
        // takes it, and with two loops a later connect could otherwise be counted first
        try (ImapTestClient a = new ImapTestClient(server.address())) {
            assertTrue(a.greeting().startsWith("* OK "));
            try (ImapTestClient b = new ImapTestClient(server.address())) {
                assertTrue(b.greeting().startsWith("* OK "));
                try (ImapTestClient c = new ImapTestClient(server.address())) {
                    assertEquals("* BYE [UNAVAILABLE] Too many connections", c.greeting());
                }
            }
        }
    }

    @Test
    void answersPipelinedCommandsInOrder() throws IOException {
        try (ImapTestClient c = start()) {
            c.send(("p1 LOGIN " + USER + " \"" + PASSWORD + "\"\r\np2 SELECT INBOX\r\np3 NOOP\r\np4 STATUS Sent (MESSAGES)\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            List<String> tagged = Arrays.asList(c.readUntil("p1").tagged(), c.readUntil("p2").tagged(),
                    c.readUntil("p3").tagged(), c.readUntil("p4").tagged());
            assertTrue(tagged.get(0).startsWith("p1 OK"));
            assertTrue(tagged.get(1).startsWith("p2 OK [READ-WRITE]"));
            assertEquals("p3 OK NOOP completed", tagged.get(2));
            assertEquals("p4 OK STATUS completed", tagged.get(3));
        }
    }

    @Test
    void aUserWithoutLimitsHasNoQuotaRootRatherThanAnEmptyQuotaResponse() throws IOException {
        try (ImapTestClient c = start()) {
            store.storageLimit(-1);
            c.login(USER, PASSWORD);
            assertEquals(List.of("* QUOTAROOT INBOX", "t2 OK GETQUOTAROOT completed"),
                    c.command("GETQUOTAROOT INBOX").lines());
            assertEquals(List.of("t3 NO [NONEXISTENT] No such quota root"), c.command("GETQUOTA \"\"").lines());
            store.storageLimit(FakeImapStore.STORAGE_LIMIT);
            assertEquals(List.of("* QUOTAROOT INBOX \"\"", "* QUOTA \"\" (STORAGE 0 10240)",
                    "t4 OK GETQUOTAROOT completed"), c.command("GETQUOTAROOT INBOX").lines());
        }
    }
}
