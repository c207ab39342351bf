package org.postilion.it;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.it.support.AdminClient;
import org.postilion.it.support.SmtpConversation;
import org.postilion.it.support.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recipients are decided at RCPT time, on port 25 without authentication: unknown users of a hosted domain
 * get {@code 550 5.1.1}, other domains {@code 554 5.7.1} (never an open relay), and nothing is queued for
 * either.
 */
@ExtendWith(ArquillianExtension.class)
class RecipientRulesIT {

    private static final AdminClient ADMIN = new AdminClient();
    private static String domain;

    @BeforeAll
    static void hostADomain() {
        domain = TestServer.uniqueDomain("rcpt");
        ADMIN.createDomain(domain);
        ADMIN.createUser("carol@" + domain, "carol's password");
    }

    @Test
    void unknownLocalRecipientIsRefusedWith550() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            assertEquals(220, smtp.reply().code());
            assertEquals(250, smtp.command("EHLO client.test").code());
            assertEquals(250, smtp.command("MAIL FROM:<sender@example.net>").code());
            SmtpConversation.Reply reply = smtp.command("RCPT TO:<nobody@" + domain + ">");
            assertEquals(550, reply.code(), reply.toString());
            assertTrue(reply.last().startsWith("550 5.1.1 <nobody@" + domain + ">"), reply.toString());
            assertEquals(503, smtp.command("DATA").code(), "no recipient was accepted, so there is no DATA");
        }
    }

    @Test
    void foreignRecipientIsRelayDeniedWith554() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.reply();
            smtp.command("EHLO client.test");
            smtp.command("MAIL FROM:<sender@example.net>");
            SmtpConversation.Reply reply = smtp.command("RCPT TO:<someone@elsewhere.example>");
            assertEquals(554, reply.code(), reply.toString());
            assertTrue(reply.last().startsWith("554 5.7.1 <someone@elsewhere.example>: Relay access denied"),
                    reply.toString());
        }
    }

    @Test
    void refusedRecipientsLeaveTheAcceptedOneToBeDelivered() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.reply();
            smtp.command("EHLO client.test");
            smtp.command("MAIL FROM:<sender@example.net>");
            assertEquals(554, smtp.command("RCPT TO:<someone@elsewhere.example>").code());
            assertEquals(550, smtp.command("RCPT TO:<nobody@" + domain + ">").code());
            assertEquals(250, smtp.command("RCPT TO:<Carol@" + domain.toUpperCase() + ">").code(),
                    "domains and local parts are case-insensitive");
            assertEquals(354, smtp.command("DATA").code());
            SmtpConversation.Reply queued = smtp.data("Subject: only for carol\r\n\r\nhello\r\n");
            assertEquals(250, queued.code(), queued.toString());
            assertTrue(queued.last().matches("250 2\\.0\\.0 Ok: queued as [0-9A-Z]{16}"), queued.toString());
            assertEquals(221, smtp.command("QUIT").code());
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> ADMIN.inbox("carol@" + domain).size() == 1);
    }
}
