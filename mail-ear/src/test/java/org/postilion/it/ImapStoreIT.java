package org.postilion.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.it.support.AdminClient;
import org.postilion.it.support.ImapConversation;
import org.postilion.it.support.ImapConversation.Response;
import org.postilion.it.support.SmtpConversation;
import org.postilion.it.probe.TombstoneProbeServlet;
import org.postilion.it.support.TestServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mail store seen through IMAP on WildFly, on the real database: first-login mailboxes, what delivery
 * parsed, UID allocation with concurrent writers, what other sessions see and when, QRESYNC's tombstones and
 * their pruning,
 * INBOX rename, UIDPLUS, a 50 MB message, and hostile literals.
 */
@ExtendWith(ArquillianExtension.class)
class ImapStoreIT {

    private static final AdminClient ADMIN = new AdminClient();
    private static final String PASSWORD = "imap store password";
    private static final Pattern APPENDUID = Pattern.compile("\\[APPENDUID (\\d+) (\\d+)]");
    private static String domain;

    /** A probe next to the EAR that runs its tombstone prune on demand. */
    @Deployment(testable = false)
    static WebArchive tombstoneProbe() {
        return ShrinkWrap.create(WebArchive.class, "tombstone-probe.war").addClass(TombstoneProbeServlet.class);
    }

    @BeforeAll
    static void directory() {
        domain = TestServer.uniqueDomain("imapstore");
        ADMIN.createDomain(domain);
    }

    private static String newUser(String name) {
        String address = name + "@" + domain;
        ADMIN.createUser(address, PASSWORD);
        return address;
    }

    private static byte[] message(String subject, String body) {
        return ("From: Alice <alice@example.com>\r\nTo: bob@example.com\r\nSubject: " + subject
                + "\r\nDate: Sun, 22 Nov 2026 10:00:00 +0000\r\nMessage-ID: <" + subject.replace(' ', '.')
                + "@example.com>\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void deliver(String to, String subject) throws IOException {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.reply();
            assertEquals(250, smtp.command("EHLO client.test").code());
            assertEquals(250, smtp.command("MAIL FROM:<alice@example.com>").code());
            assertEquals(250, smtp.command("RCPT TO:<" + to + ">").code());
            assertEquals(354, smtp.command("DATA").code());
            assertEquals(250, smtp.data("From: alice@example.com\r\nTo: " + to + "\r\nSubject: " + subject
                    + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n\r\nfirst part\r\n--b1\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + "AAECAw==\r\n--b1--\r\n").code());
        }
    }

    private static long appendUid(Response r) {
        Matcher m = APPENDUID.matcher(r.tagged());
        assertTrue(m.find(), "no APPENDUID in " + r);
        return Long.parseLong(m.group(2));
    }

    private static void awaitExists(ImapConversation c, int count) throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (!c.command("NOOP").lines("* " + count + " EXISTS").isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never saw " + count + " EXISTS");
    }

    @Test
    void firstLoginCreatesTheSpecialUseMailboxes() throws Exception {
        String user = newUser("first");
        try (ImapConversation c = ImapConversation.login(user, PASSWORD)) {
            Response list = c.command("LIST \"\" \"*\" RETURN (SPECIAL-USE)");
            assertTrue(list.ok(), list.toString());
            for (String use : List.of("\\Drafts", "\\Sent", "\\Trash", "\\Junk", "\\Archive")) {
                assertEquals(1, list.lines(use).size(), use + " in " + list);
            }
            assertEquals(1, list.lines("INBOX").size(), list.toString());
            Response lsub = c.command("LSUB \"\" \"*\"");
            assertEquals(6, lsub.lines("* LSUB").size(), lsub.toString());
        }
    }

    @Test
    void aDeliveredMessageIsServedFromWhatDeliveryParsed() throws Exception {
        String user = newUser("parsed");
        try (ImapConversation c = ImapConversation.login(user, PASSWORD)) {
            Response select = c.command("SELECT INBOX");
            assertTrue(select.ok(), select.toString());
            deliver(user, "parsed once");
            awaitExists(c, 1);
            Response fetch = c.command("FETCH 1 (FLAGS ENVELOPE BODYSTRUCTURE RFC822.SIZE INTERNALDATE UID)");
            assertTrue(fetch.ok(), fetch.toString());
            String line = fetch.untagged().get(0);
            assertTrue(line.contains("\"parsed once\""), line);
            assertTrue(line.contains("(\"text\" \"plain\" (\"charset\" \"utf-8\")")
                    || line.toUpperCase().contains("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\")"), line);
            assertTrue(line.toUpperCase().contains("\"MIXED\""), line);
            Response part = c.command("FETCH 1 (BODY.PEEK[1])");
            assertTrue(part.untagged().get(0).contains("first part"), part.toString());
            Response binary = c.command("FETCH 1 (BINARY.PEEK[2] BINARY.SIZE[2])");
            assertTrue(binary.ok(), binary.toString());
            assertTrue(binary.untagged().get(0).contains("BINARY.SIZE[2] 4"), binary.toString());
            Response partial = c.command("FETCH 1 (BODY.PEEK[]<0.11>)");
            assertTrue(partial.untagged().get(0).contains("BODY[]<0> {11}"), partial.toString());
            Response flags = c.command("FETCH 1 (FLAGS)");
            assertFalse(flags.untagged().get(0).contains("\\Seen"), "PEEK must not set \\Seen: " + flags);
            c.command("FETCH 1 (BODY[TEXT])");
            assertTrue(c.command("FETCH 1 (FLAGS)").untagged().get(0).contains("\\Seen"));
        }
    }

    @Test
    void concurrentAppendsGetDistinctAscendingUids() throws Exception {
        String user = newUser("concurrent");
        int writers = 6;
        int each = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                results.add(pool.submit(() -> {
                    List<Long> uids = new ArrayList<>();
                    try (ImapConversation c = ImapConversation.login(user, PASSWORD)) {
                        long previous = 0;
                        for (int i = 0; i < each; i++) {
                            long uid = appendUid(c.append("INBOX", null, message("w" + writer + " m" + i, "body")));
                            assertTrue(uid > previous, "UIDs of one writer ascend");
                            previous = uid;
                            uids.add(uid);
                        }
                    }
                    return uids;
                }));
            }
            Set<Long> all = new TreeSet<>();
            for (Future<List<Long>> f : results) {
                all.addAll(f.get());
            }
            assertEquals(writers * each, all.size(), "every APPEND got its own UID");
            try (ImapConversation c = ImapConversation.login(user, PASSWORD)) {
                Response select = c.command("SELECT INBOX");
                assertEquals(1, select.lines("* " + writers * each + " EXISTS").size(), select.toString());
                Response search = c.command("UID SEARCH ALL");
                Set<Long> listed = new TreeSet<>();
                for (String n : search.lines("* SEARCH").get(0).substring("* SEARCH ".length()).split(" ")) {
                    listed.add(Long.parseLong(n));
                }
                assertEquals(all, listed);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMessageIsRecentInTheFirstReadWriteSessionThatSeesItAndInNoOther() throws Exception {
        String user = newUser("recent");
        try (ImapConversation writer = ImapConversation.login(user, PASSWORD);
             ImapConversation first = ImapConversation.login(user, PASSWORD);
             ImapConversation second = ImapConversation.login(user, PASSWORD)) {
            writer.append("INBOX", null, message("r1", "one"));
            writer.append("INBOX", null, message("r2", "two"));
            Response status = writer.command("STATUS INBOX (RECENT)");
            assertEquals(1, status.lines("(RECENT 2)").size(), status.toString());
            Response examine = second.command("EXAMINE INBOX");
            assertEquals(1, examine.lines("* 0 RECENT").size(), "EXAMINE claims nothing: " + examine);
            Response select = first.command("SELECT INBOX");
            assertEquals(1, select.lines("* 2 RECENT").size(), select.toString());
            Response flags = first.command("FETCH 1:* (FLAGS)");
            assertEquals(2, flags.lines("\\Recent").size(), flags.toString());
            Response again = second.command("SELECT INBOX");
            assertEquals(1, again.lines("* 0 RECENT").size(), "claimed by the first: " + again);
            assertEquals(1, writer.command("STATUS INBOX (RECENT)").lines("(RECENT 0)").size());
            // a new message: recent in the first selected session told of it, not in the one told later
            writer.append("INBOX", null, message("r3", "three"));
            Response news = second.command("NOOP");
            assertEquals(List.of("* 3 EXISTS", "* 1 RECENT"), news.untagged(), news.toString());
            Response late = first.command("NOOP");
            assertEquals(List.of("* 3 EXISTS", "* 2 RECENT"), late.untagged(), late.toString());
            assertTrue(first.command("FETCH 3 (FLAGS)").lines("\\Recent").isEmpty());
            assertEquals(1, second.command("FETCH 3 (FLAGS)").lines("\\Recent").size());
        }
        // sessions selecting at once: each message goes to exactly one of them (the claim takes the row lock)
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ImapConversation writer = ImapConversation.login(user, PASSWORD)) {
            for (int i = 0; i < 10; i++) {
                writer.append("INBOX", null, message("c" + i, "concurrent"));
            }
            List<Future<Integer>> recents = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                recents.add(pool.submit(() -> {
                    try (ImapConversation c = ImapConversation.login(user, PASSWORD)) {
                        Response r = c.command("SELECT INBOX");
                        String line = r.lines(" RECENT").get(0);
                        return Integer.parseInt(line.split(" ")[1]);
                    }
                }));
            }
            int sum = 0;
            for (Future<Integer> f : recents) {
                sum += f.get();
            }
            assertEquals(10, sum, "every new message recent in exactly one session");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anotherSessionSeesAnExpungeOnlyWhereItIsAllowed() throws Exception {
        String user = newUser("twosessions");
        try (ImapConversation a = ImapConversation.login(user, PASSWORD);
             ImapConversation b = ImapConversation.login(user, PASSWORD)) {
            for (int i = 1; i <= 3; i++) {
                a.append("INBOX", null, message("m" + i, "body " + i));
            }
            assertTrue(a.command("SELECT INBOX").ok());
            assertTrue(b.command("SELECT INBOX").ok());
            assertTrue(a.command("STORE 2 +FLAGS.SILENT (\\Deleted)").ok());
            Response expunge = a.command("EXPUNGE");
            assertEquals(List.of("* 2 EXPUNGE"), expunge.lines("EXPUNGE"), expunge.toString());
            // FETCH, STORE and SEARCH must not shift sequence numbers under the client (RFC 9051 section 7.5.1)
            Response fetch = b.command("FETCH 1:* (FLAGS)");
            assertTrue(fetch.lines("EXPUNGE").isEmpty(), fetch.toString());
            Response noop = b.command("NOOP");
            assertEquals(List.of("* 2 EXPUNGE"), noop.lines("EXPUNGE"), noop.toString());
            // flags stored by one session reach the other as untagged FETCH
            assertTrue(a.command("STORE 1 +FLAGS (\\Flagged)").ok());
            Response later = b.command("NOOP");
            assertEquals(1, later.lines("\\Flagged").size(), later.toString());
        }
    }

    @Test
    void anIdleSessionHearsOfADeliveryWithinASecond() throws Exception {
        String user = newUser("idle");
        try (ImapConversation c = ImapConversation.login(user, PASSWORD)) {
            assertTrue(c.command("SELECT INBOX").ok());
            String tag = c.idle();
            long sent = System.nanoTime();
            deliver(user, "wake up");
            String line = c.readLine();
            long millis = (System.nanoTime() - sent) / 1_000_000;
            assertEquals("* 1 EXISTS", line);
            assertTrue(millis < 1000, "IDLE heard of the delivery after " + millis + " ms");
            assertTrue(c.done(tag).ok());
        }
    }

    @Test
    void qresyncReportsWhatVanishedSinceAModseq() throws Exception {
        String user = newUser("qresync");
        long uidValidity;
        long modseq;
        try (ImapConversation a = ImapConversation.login(user, PASSWORD)) {
            for (int i = 1; i <= 4; i++) {
                a.append("INBOX", null, message("q" + i, "body"));
            }
            assertTrue(a.command("ENABLE CONDSTORE").ok());
            Response select = a.command("SELECT INBOX");
            uidValidity = number(select, "UIDVALIDITY");
            modseq = number(select, "HIGHESTMODSEQ");
            assertTrue(a.command("UID STORE 2,3 +FLAGS.SILENT (\\Deleted)").ok());
            assertTrue(a.command("UID EXPUNGE 2:3").ok());
        }
        try (ImapConversation b = ImapConversation.login(user, PASSWORD)) {
            assertTrue(b.command("ENABLE QRESYNC").ok());
            Response select = b.command("SELECT INBOX (QRESYNC (" + uidValidity + " " + modseq + "))");
            assertTrue(select.ok(), select.toString());
            assertEquals(List.of("* VANISHED (EARLIER) 2:3"), select.lines("VANISHED"), select.toString());
        }
    }

    @Test
    void qresyncFromBeforePrunedTombstonesGetsEveryMissingUidAndExactOnesAfter() throws Exception {
        String user = newUser("pruned");
        long uidValidity;
        long known;
        try (ImapConversation a = ImapConversation.login(user, PASSWORD)) {
            for (int i = 1; i <= 6; i++) {
                a.append("INBOX", null, message("p" + i, "body"));
            }
            assertTrue(a.command("ENABLE CONDSTORE").ok());
            Response select = a.command("SELECT INBOX");
            uidValidity = number(select, "UIDVALIDITY");
            assertTrue(a.command("UID STORE 1 +FLAGS.SILENT (\\Deleted)").ok());
            assertTrue(a.command("UID EXPUNGE 1").ok());
            Matcher status = Pattern.compile("HIGHESTMODSEQ (\\d+)")
                    .matcher(a.command("STATUS INBOX (HIGHESTMODSEQ)").toString());
            assertTrue(status.find());
            known = Long.parseLong(status.group(1));
            assertTrue(a.command("UID STORE 2 +FLAGS.SILENT (\\Deleted)").ok());
            assertTrue(a.command("UID EXPUNGE 2").ok());
            assertTrue(pruneTombstonesNow() >= 2, "the tombstones of UIDs 1 and 2 are pruned");
            assertTrue(a.command("UID STORE 5 +FLAGS.SILENT (\\Deleted)").ok());
            assertTrue(a.command("UID EXPUNGE 5").ok());
        }
        try (ImapConversation b = ImapConversation.login(user, PASSWORD)) {
            assertTrue(b.command("ENABLE QRESYNC").ok());
            Response all = b.command("SELECT INBOX (QRESYNC (" + uidValidity + " " + known + "))");
            assertEquals(List.of("* VANISHED (EARLIER) 1:2,5"), all.lines("VANISHED"),
                    "below the pruned floor: every UID below UIDNEXT that is gone; " + all);
            Response within = b.command("SELECT INBOX (QRESYNC (" + uidValidity + " " + known + " 2:6))");
            assertEquals(List.of("* VANISHED (EARLIER) 2,5"), within.lines("VANISHED"), within.toString());
            long highest = number(within, "HIGHESTMODSEQ");
            Response exact = b.command("UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + (highest - 1) + " VANISHED)");
            assertEquals(List.of("* VANISHED (EARLIER) 5"), exact.lines("VANISHED"), "above it: the tombstone");
        }
    }

    /** Runs the EAR's tombstone prune with a retention of zero, through the probe deployed next to it. */
    private static long pruneTombstonesNow() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://"
                + TestServer.HOST + ":" + TestServer.httpPort() + "/tombstone-probe/tombstones"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Long.parseLong(r.body().trim());
    }

    private static long number(Response r, String code) {
        Matcher m = Pattern.compile("\\[" + code + " (\\d+)]").matcher(r.toString());
        assertTrue(m.find(), code + " in " + r);
        return Long.parseLong(m.group(1));
    }

    @Test
    void renamingInboxMovesItsMessagesAndLeavesItEmpty() throws Exception {
        String user = newUser("rename");
        try (ImapConversation c = ImapConversation.login(user, PASSWORD)) {
            c.append("INBOX", null, message("r1", "one"));
            c.append("INBOX", null, message("r2", "two"));
            assertTrue(c.command("RENAME INBOX \"Old mail\"").ok());
            assertEquals(1, c.command("STATUS \"Old mail\" (MESSAGES)").lines("(MESSAGES 2)").size());
            assertEquals(1, c.command("STATUS INBOX (MESSAGES)").lines("(MESSAGES 0)").size());
            assertTrue(c.command("RENAME \"Old mail\" Archive/2026").ok());
            assertEquals(1, c.command("STATUS Archive/2026 (MESSAGES)").lines("(MESSAGES 2)").size());
            assertTrue(c.command("RENAME Archive/2026 Trash").tagged().contains("[ALREADYEXISTS]"));
        }
    }

    @Test
    void copyAndMoveAnswerWithUidPlus() throws Exception {
        String user = newUser("uidplus");
        try (ImapConversation c = ImapConversation.login(user, PASSWORD)) {
            Response append = c.append("INBOX", "\\Seen $Forwarded", message("u1", "one"));
            assertTrue(append.tagged().contains("[APPENDUID "), append.toString());
            c.append("INBOX", null, message("u2", "two"));
            assertTrue(c.command("SELECT INBOX").ok());
            Response copy = c.command("UID COPY 1 Archive");
            assertTrue(copy.tagged().matches("t\\d+ OK \\[COPYUID \\d+ 1 1].*"), copy.toString());
            Response move = c.command("UID MOVE 2 Trash");
            assertTrue(move.ok(), move.toString());
            assertTrue(move.toString().contains("[COPYUID "), move.toString());
            assertEquals(1, move.lines("EXPUNGE").size(), move.toString());
            Response archived = c.command("EXAMINE Archive");
            assertTrue(archived.ok());
            Response flags = c.command("FETCH 1 (FLAGS)");
            assertTrue(flags.untagged().get(0).contains("$Forwarded") && flags.untagged().get(0).contains("\\Seen"),
                    "a copy keeps its flags and keywords: " + flags);
            assertTrue(c.command("COPY 1 Nonexistent").tagged().contains("[TRYCREATE]"));
        }
    }

    @Test
    void theQuotaIsReportedAndEnforced() throws Exception {
        String user = newUser("quota");
        AdminClient.Reply set = ADMIN.put("/users/" + AdminClient.encode(user) + "/quota", "{\"bytes\": 4096}");
        assertEquals(200, set.status(), set.body());
        try (ImapConversation c = ImapConversation.login(user, PASSWORD)) {
            assertTrue(c.append("INBOX", null, message("small", "x".repeat(1000))).ok());
            Response root = c.command("GETQUOTAROOT INBOX");
            assertEquals(1, root.lines("* QUOTAROOT INBOX \"\"").size(), root.toString());
            // about 1.1 KiB used of 4 KiB (RFC 9208 counts STORAGE in units of 1024 octets)
            assertTrue(root.untagged().stream().anyMatch(l -> l.matches("\\* QUOTA \"\" \\(STORAGE [12] 4\\)")),
                    root.toString());
            Response over = c.append("INBOX", null, message("large", "y".repeat(4000)));
            assertTrue(over.tagged().contains("[OVERQUOTA]"), over.toString());
            Response status = c.command("STATUS INBOX (MESSAGES)");
            assertEquals(1, status.lines("(MESSAGES 1)").size(), "nothing of the refused APPEND stays: " + status);
        }
    }

    @Test
    void aFiftyMegabyteMessageIsAppendedAndReadInPart() throws Exception {
        String user = newUser("large");
        byte[] big = new byte[50 * 1024 * 1024];
        byte[] head = "Subject: big\r\nContent-Type: application/octet-stream\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, big, 0, head.length);
        for (int i = head.length; i < big.length; i++) {
            big[i] = (i % 78 == 76) ? (byte) '\r' : (i % 78 == 77) ? (byte) '\n' : (byte) ('a' + i % 26);
        }
        try (ImapConversation c = ImapConversation.login(user, PASSWORD)) {
            Response append = c.append("INBOX", null, big);
            assertTrue(append.ok(), append.toString());
            assertTrue(c.command("SELECT INBOX").ok());
            Response size = c.command("FETCH 1 (RFC822.SIZE)");
            assertTrue(size.untagged().get(0).contains("RFC822.SIZE " + big.length), size.toString());
            Response partial = c.command("FETCH 1 (BODY.PEEK[]<0.10024>)");
            String line = partial.untagged().get(0);
            assertTrue(line.contains("{10024}\r\nSubject: big"), line.substring(0, Math.min(200, line.length())));
            Response tail = c.command("FETCH 1 (BODY.PEEK[]<" + (big.length - 10) + ".100>)");
            String expected = new String(Arrays.copyOfRange(big, big.length - 10, big.length), StandardCharsets.US_ASCII);
            assertTrue(tail.untagged().get(0).contains("{10}\r\n" + expected), tail.toString());
        }
    }

    @Test
    void hostileLiteralsAndLinesGetAClearAnswerAndTheSessionGoesOn() throws Exception {
        String user = newUser("hostile");
        try (ImapConversation c = ImapConversation.login(user, PASSWORD)) {
            Response huge = c.command("APPEND INBOX {2147483648}");
            assertFalse(huge.ok(), huge.toString());
            assertTrue(c.command("NOOP").ok(), "the session goes on after a refused literal");
            Response negative = c.command("APPEND INBOX {-1}");
            assertFalse(negative.ok(), negative.toString());
            assertTrue(c.command("NOOP").ok());
            Response unknown = c.command("FROBNICATE");
            assertTrue(unknown.tagged().contains(" BAD "), unknown.toString());
            Response badSet = c.command("SELECT INBOX");
            assertTrue(badSet.ok());
            assertTrue(c.command("FETCH 0:x FLAGS").tagged().contains(" BAD "));
            assertTrue(c.command("NOOP").ok());
        }
    }
}
