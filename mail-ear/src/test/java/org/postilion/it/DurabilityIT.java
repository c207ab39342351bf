package org.postilion.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.it.support.AdminClient;
import org.postilion.it.support.RemoteWorld;
import org.postilion.it.support.ServerProcess;
import org.postilion.it.support.SmtpConversation;
import org.postilion.it.support.TestServer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 250 after DATA means the message is durable: the server is killed with SIGKILL right after a 250, while
 * other sessions are in the middle of theirs, and started again. Every acknowledged message is delivered,
 * and no message is delivered twice; then the same for remote delivery. Runs last: the server it leaves is one it
 * started.
 */
@ExtendWith(ArquillianExtension.class)
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DurabilityIT {

    private static final int BACKGROUND_SESSIONS = 4;
    private static final int ACKED_BEFORE_KILL = 30;

    private static ServerProcess server;
    private final AdminClient admin = new AdminClient();

    @Test
    @Order(1)
    void acknowledgedMessagesSurviveKillNineAndNoneIsDeliveredTwice() throws Exception {
        String domain = TestServer.uniqueDomain("durable");
        String rcpt = "keeper@" + domain;
        admin.createDomain(domain);
        admin.createUser(rcpt, "keeper's password");
        if (server == null) {
            server = ServerProcess.find();
        }

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService background = Executors.newFixedThreadPool(BACKGROUND_SESSIONS);
        for (int s = 0; s < BACKGROUND_SESSIONS; s++) {
            String prefix = "background-" + s + "-";
            background.execute(() -> sendUntilKilled(rcpt, prefix, acknowledged, killed));
        }

        // the main session: kill the server the moment its 30th message is acknowledged
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.reply();
            smtp.command("EHLO durability.test");
            for (int i = 0; i < ACKED_BEFORE_KILL; i++) {
                String subject = "main-" + i;
                SmtpConversation.Reply reply = send(smtp, rcpt, subject);
                assertEquals(250, reply.code(), reply.toString());
                acknowledged.add(subject);
            }
            killed.set(true);
            server.killAndRestart();
        }
        background.shutdown();
        assertTrue(background.awaitTermination(60, TimeUnit.SECONDS));
        assertTrue(acknowledged.size() >= ACKED_BEFORE_KILL);

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Set<String> missing = new TreeSet<>(acknowledged);
            missing.removeAll(subjects(admin.inbox(rcpt)).keySet());
            assertTrue(missing.isEmpty(), "acknowledged but not delivered: " + missing);
        });
        Map<String, Integer> counts = subjects(admin.inbox(rcpt));
        counts.forEach((subject, n) -> assertEquals(1, n, subject + " delivered " + n + " times"));
    }

    /**
     * Outbound: the server is killed while some messages wait for a retry (their exchanger down) and others are in
     * the middle of their SMTP transaction (the remote MTA holds back its reply to DATA). After the restart, the
     * receiving MTAs take each message exactly once.
     */
    @Test
    @Order(2)
    void remoteDeliveryResumesAfterKillNineAndDeliversEachMessageOnce() throws Exception {
        String domain = TestServer.uniqueDomain("crash");
        String sender = "sue@" + domain;
        admin.createDomain(domain);
        admin.createUser(sender, "crash test password");
        if (server == null) {
            server = ServerProcess.find();
        }
        try (RemoteWorld world = RemoteWorld.withDns(
                "mx-host=waiting.test,mx.waiting.test,10", "host-record=mx.waiting.test,127.0.0.12",
                "mx-host=slow.test,mx.slow.test,10", "host-record=mx.slow.test,127.0.0.13")) {
            List<String> waiting = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                waiting.add("w" + i + "@waiting.test");
                submit(sender, "w" + i + "@waiting.test");
            }
            // every one deferred at least once: nothing listens on their exchanger yet
            await().atMost(Duration.ofSeconds(30)).until(() -> waiting.stream().allMatch(r ->
                    admin.get("/queue?recipient=" + r).array().getValuesAs(JsonObject.class).stream()
                            .anyMatch(e -> e.getInt("attempts") >= 1)));
            world.sink("127.0.0.13", "--data-delay", "6");
            List<String> inFlight = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                inFlight.add("f" + i + "@slow.test");
                submit(sender, "f" + i + "@slow.test");
            }
            // the four transactions now wait for their reply to DATA (6 s): nothing taken before the kill
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> world.taken("127.0.0.13").isEmpty());
            server.killAndRestart();
            world.sink("127.0.0.12");

            List<String> all = new ArrayList<>(waiting);
            all.addAll(inFlight);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Map<String, Integer> taken = takenCounts(world);
                assertTrue(taken.keySet().containsAll(all), "not delivered yet: " + all.stream()
                        .filter(r -> !taken.containsKey(r)).toList());
            });
            // and each stays taken once while late retries could still come (8 s: several retry intervals)
            await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12)).untilAsserted(() ->
                    takenCounts(world).forEach((r, n) -> assertEquals(1, n, r + " taken " + n + " times")));
        }
    }

    private static Map<String, Integer> takenCounts(RemoteWorld world) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (String host : List.of("127.0.0.12", "127.0.0.13")) {
            for (JsonObject m : world.taken(host)) {
                m.getJsonArray("rcpt_tos").getValuesAs(jakarta.json.JsonString.class)
                        .forEach(r -> counts.merge(r.getString(), 1, Integer::sum));
            }
        }
        return counts;
    }

    private static void submit(String sender, String rcpt) throws IOException {
        try (SmtpConversation smtp = SmtpConversation.open(TestServer.HOST, TestServer.submissionPort())) {
            smtp.reply();
            smtp.command("EHLO crash.test");
            assertEquals(235, smtp.authPlain(sender, "crash test password").code());
            smtp.command("MAIL FROM:<" + sender + ">");
            assertEquals(250, smtp.command("RCPT TO:<" + rcpt + ">").code());
            smtp.command("DATA");
            SmtpConversation.Reply r = smtp.data("From: <" + sender + ">\r\nSubject: " + rcpt + "\r\n\r\nonce\r\n");
            assertEquals(250, r.code(), r.toString());
        }
    }

    @AfterAll
    static void stopTheRestartedServer() throws InterruptedException {
        if (server != null) {
            server.stopRestarted();
        }
    }

    private static void sendUntilKilled(String rcpt, String prefix, Set<String> acknowledged, AtomicBoolean killed) {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.reply();
            smtp.command("EHLO background.test");
            for (int i = 0; !killed.get(); i++) {
                String subject = prefix + i;
                if (send(smtp, rcpt, subject).code() == 250) {
                    acknowledged.add(subject);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the kill cut this session: what it had not seen acknowledged may or may not arrive, once at most
        }
    }

    private static SmtpConversation.Reply send(SmtpConversation smtp, String rcpt, String subject) throws IOException {
        smtp.command("MAIL FROM:<sender@example.net>");
        smtp.command("RCPT TO:<" + rcpt + ">");
        smtp.command("DATA");
        return smtp.data("Subject: " + subject + "\r\nFrom: sender@example.net\r\n\r\n" + "body\r\n".repeat(200));
    }

    private static Map<String, Integer> subjects(List<JsonObject> inbox) {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonObject m : inbox) {
            counts.merge(m.getString("subject"), 1, Integer::sum);
        }
        return counts;
    }
}
