package org.postilion.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.it.support.AdminClient;
import org.postilion.it.support.ServerProcess;
import org.postilion.it.support.SmtpConversation;
import org.postilion.it.support.TestServer;

import java.io.IOException;
import java.time.Duration;
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
 * and no message is delivered twice. Runs last: the server it leaves is one it started.
 */
@ExtendWith(ArquillianExtension.class)
@Order(Integer.MAX_VALUE)
class DurabilityIT {

    private static final int BACKGROUND_SESSIONS = 4;
    private static final int ACKED_BEFORE_KILL = 30;

    private static ServerProcess server;
    private final AdminClient admin = new AdminClient();

    @Test
    void acknowledgedMessagesSurviveKillNineAndNoneIsDeliveredTwice() throws Exception {
        String domain = TestServer.uniqueDomain("durable");
        String rcpt = "keeper@" + domain;
        admin.createDomain(domain);
        admin.createUser(rcpt, "keeper's password");
        server = ServerProcess.find();

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
