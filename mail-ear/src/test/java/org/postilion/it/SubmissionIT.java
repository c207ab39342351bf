package org.postilion.it;

import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.it.support.AdminClient;
import org.postilion.it.support.SmtpConversation;
import org.postilion.it.support.TestServer;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Message submission (RFC 6409 on 587 with STARTTLS, RFC 8314 on 465 with implicit TLS) against WildFly: AUTH
 * before MAIL, senders and From: addresses must be the user's own or its aliases', missing header fields are
 * added, and aliases, catch-alls and plus-addresses deliver where they should.
 */
@ExtendWith(ArquillianExtension.class)
class SubmissionIT {

    private static final AdminClient ADMIN = new AdminClient();
    private static String domain;
    private static String carol;
    private static String dave;
    private static final String PASSWORD = "carol's long password";

    @BeforeAll
    static void directory() {
        domain = TestServer.uniqueDomain("sub");
        carol = "carol@" + domain;
        dave = "dave@" + domain;
        ADMIN.createDomain(domain);
        ADMIN.createUser(carol, PASSWORD);
        ADMIN.createUser(dave, "dave's long password");
        ADMIN.setAlias("team@" + domain, carol, dave);
        ADMIN.setAlias("press@" + domain, carol);
    }

    @Test
    void angusMailSendsOverStartTlsWithAuth() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", TestServer.HOST);
        props.put("mail.smtp.port", Integer.toString(TestServer.submissionPort()));
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.trust", "*");
        props.put("mail.smtp.ssl.checkserveridentity", "false");
        send(props, "smtp", "over STARTTLS");

        JsonObject listed = await().atMost(Duration.ofSeconds(20)).until(() -> ADMIN.inbox(dave),
                l -> l.stream().anyMatch(m -> m.getString("subject").equals("over STARTTLS")))
                .stream().filter(m -> m.getString("subject").equals("over STARTTLS")).findFirst().orElseThrow();
        String raw = ADMIN.rawMessage(dave, listed.getJsonNumber("uid").longValue());
        assertTrue(raw.contains("with ESMTPSA id"), raw);
        assertTrue(raw.contains("(Authenticated sender: " + carol + ")"), raw);
        assertTrue(raw.contains("(using TLSv1."), raw);
    }

    @Test
    void angusMailSendsOverImplicitTls() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtps.host", TestServer.HOST);
        props.put("mail.smtps.port", Integer.toString(TestServer.submissionsPort()));
        props.put("mail.smtps.auth", "true");
        props.put("mail.smtps.ssl.trust", "*");
        props.put("mail.smtps.ssl.checkserveridentity", "false");
        send(props, "smtps", "over implicit TLS");
        await().atMost(Duration.ofSeconds(20)).until(() -> ADMIN.inbox(dave),
                l -> l.stream().anyMatch(m -> m.getString("subject").equals("over implicit TLS")));
    }

    private static void send(Properties props, String protocol, String subject) throws Exception {
        Session session = Session.getInstance(props);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(carol));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(dave));
        m.setSubject(subject);
        m.setText("sent by " + protocol);
        m.saveChanges();
        try (Transport t = session.getTransport(protocol)) {
            t.connect(carol, PASSWORD);
            t.sendMessage(m, m.getAllRecipients());
        }
    }

    @Test
    void mailBeforeAuthIsRefusedAndSendersMustBeTheUsersOwn() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open(TestServer.HOST, TestServer.submissionPort())) {
            smtp.reply();
            assertTrue(smtp.command("EHLO laptop").lines().stream().anyMatch(l -> l.startsWith("250-STARTTLS")));
            assertEquals(530, smtp.command("MAIL FROM:<" + carol + ">").code(), "AUTH comes first");
            assertEquals(220, smtp.command("STARTTLS").code());
            smtp.startTls();
            List<String> ehlo = smtp.command("EHLO laptop").lines();
            assertTrue(ehlo.contains("250-AUTH SCRAM-SHA-256 PLAIN LOGIN"), ehlo.toString());
            assertFalse(ehlo.stream().anyMatch(l -> l.contains("STARTTLS")), "no STARTTLS after TLS");
            assertEquals(535, smtp.authPlain(carol, "wrong password").code());
            assertEquals(235, smtp.authPlain(carol.toUpperCase(), PASSWORD).code(), "logins ignore case");

            SmtpConversation.Reply notOwned = smtp.command("MAIL FROM:<" + dave + ">");
            assertEquals(553, notOwned.code(), notOwned.toString());
            assertTrue(notOwned.last().startsWith("553 5.7.1"), notOwned.toString());
            for (String mine : List.of(carol, "carol+lists@" + domain, "press@" + domain, "team@" + domain)) {
                assertEquals(250, smtp.command("MAIL FROM:<" + mine + ">").code(), mine + " is carol's to use");
                assertEquals(250, smtp.command("RSET").code());
            }
            assertEquals(250, smtp.command("MAIL FROM:<>").code(), "the null sender (notifications)");
            assertEquals(250, smtp.command("RCPT TO:<someone@elsewhere.example>").code(), "authenticated relaying");
            assertEquals(221, smtp.command("QUIT").code());
        }
    }

    @Test
    void fromHeaderOfAnotherUserIsRefusedAtTheEndOfData() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open(TestServer.HOST, TestServer.submissionPort())) {
            smtp.reply();
            smtp.command("EHLO laptop");
            assertEquals(235, smtp.authPlain(carol, PASSWORD).code(), "loopback may AUTH without TLS");
            smtp.command("MAIL FROM:<" + carol + ">");
            smtp.command("RCPT TO:<" + dave + ">");
            assertEquals(354, smtp.command("DATA").code());
            SmtpConversation.Reply reply = smtp.data("From: Dave <" + dave + ">\r\nSubject: forged\r\n\r\nhi\r\n");
            assertEquals(553, reply.code(), reply.toString());
            assertTrue(reply.last().startsWith("553 5.7.1"), reply.toString());
        }
    }

    @Test
    void missingFromDateAndMessageIdAreAdded() throws Exception {
        String queued;
        try (SmtpConversation smtp = SmtpConversation.open(TestServer.HOST, TestServer.submissionPort())) {
            smtp.reply();
            smtp.command("EHLO laptop");
            smtp.authPlain(carol, PASSWORD);
            smtp.command("MAIL FROM:<" + carol + ">");
            smtp.command("RCPT TO:<" + dave + ">");
            smtp.command("DATA");
            SmtpConversation.Reply reply = smtp.data("Subject: bare header\r\n\r\nno From, Date or Message-ID\r\n");
            assertEquals(250, reply.code(), reply.toString());
            queued = reply.last().substring(reply.last().lastIndexOf(' ') + 1);
        }
        JsonObject listed = await().atMost(Duration.ofSeconds(20)).until(() -> ADMIN.inbox(dave),
                l -> l.stream().anyMatch(m -> m.getString("subject").equals("bare header")))
                .stream().filter(m -> m.getString("subject").equals("bare header")).findFirst().orElseThrow();
        String raw = ADMIN.rawMessage(dave, listed.getJsonNumber("uid").longValue());
        assertTrue(raw.contains("\r\nFrom: <" + carol + ">\r\n"), raw);
        assertTrue(raw.contains("\r\nDate: "), raw);
        assertTrue(raw.contains("\r\nMessage-ID: <" + queued + "@mx.test>\r\n"), raw);
    }

    @Test
    void aliasesPlusAddressesAndCatchAllsDeliverToTheirAccounts() throws Exception {
        String other = TestServer.uniqueDomain("catchall");
        ADMIN.createDomain(other);
        ADMIN.setAlias("@" + other, dave);
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.reply();
            smtp.command("EHLO mx.elsewhere.example");
            smtp.command("MAIL FROM:<news@elsewhere.example>");
            assertEquals(250, smtp.command("RCPT TO:<team@" + domain + ">").code());
            assertEquals(250, smtp.command("RCPT TO:<carol+news@" + domain + ">").code());
            assertEquals(250, smtp.command("RCPT TO:<anything@" + other + ">").code());
            assertEquals(550, smtp.command("RCPT TO:<nobody@" + domain + ">").code(), "no catch-all there");
            smtp.command("DATA");
            assertEquals(250, smtp.data("Subject: fan-out\r\n\r\nto the team\r\n").code());
        }
        // team -> carol and dave; carol+news -> carol; anything@other -> dave: one copy each
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertEquals(1, count(carol, "fan-out"));
            assertEquals(1, count(dave, "fan-out"));
        });
    }

    private static long count(String user, String subject) {
        return ADMIN.inbox(user).stream().filter(m -> subject.equals(m.getString("subject", null))).count();
    }
}
