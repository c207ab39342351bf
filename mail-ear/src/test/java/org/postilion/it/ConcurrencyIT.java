package org.postilion.it;

import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.it.support.AdminClient;
import org.postilion.it.support.TestServer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * UIDs under concurrent delivery: 20 SMTP sessions, each sending 50 messages over one connection to the same
 * mailbox, give 1000 messages with 1000 distinct UIDs, increasing with no gap.
 */
@ExtendWith(ArquillianExtension.class)
class ConcurrencyIT {

    private static final int SESSIONS = 20;
    private static final int MESSAGES_PER_SESSION = 50;

    private final AdminClient admin = new AdminClient();

    @Test
    void parallelSessionsToOneMailboxGetDistinctIncreasingUids() throws Exception {
        String domain = TestServer.uniqueDomain("uids");
        String rcpt = "busy@" + domain;
        admin.createDomain(domain);
        admin.createUser(rcpt, "busy's password");

        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        List<Future<Integer>> sessions = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            int session = s;
            sessions.add(pool.submit(() -> sendBatch(rcpt, session)));
        }
        int sent = 0;
        for (Future<Integer> f : sessions) {
            sent += f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertEquals(SESSIONS * MESSAGES_PER_SESSION, sent);

        List<JsonObject> inbox = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> admin.inbox(rcpt), list -> list.size() >= SESSIONS * MESSAGES_PER_SESSION);
        assertEquals(SESSIONS * MESSAGES_PER_SESSION, inbox.size(), "every message once");
        Set<String> subjects = new HashSet<>();
        long previous = 0;
        for (JsonObject m : inbox) {
            long uid = m.getJsonNumber("uid").longValue();
            assertEquals(previous + 1, uid, "UIDs increase by one, in listing order");
            previous = uid;
            assertTrue(subjects.add(m.getString("subject")), "no message twice: " + m.getString("subject"));
        }
    }

    private static int sendBatch(String rcpt, int session) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", TestServer.HOST);
        props.put("mail.smtp.port", Integer.toString(TestServer.smtpPort()));
        props.put("mail.smtp.timeout", "60000");
        Session mail = Session.getInstance(props);
        try (Transport transport = mail.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < MESSAGES_PER_SESSION; i++) {
                MimeMessage m = new MimeMessage(mail);
                m.setFrom(new InternetAddress("load@example.net"));
                m.setRecipient(Message.RecipientType.TO, new InternetAddress(rcpt));
                m.setSubject("session " + session + " message " + i);
                m.setText("x".repeat(2000));
                m.saveChanges();
                transport.sendMessage(m, m.getAllRecipients());
            }
        }
        return MESSAGES_PER_SESSION;
    }
}
