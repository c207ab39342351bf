package org.postilion.it;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.it.support.AdminClient;
import org.postilion.it.support.SmtpConversation;
import org.postilion.it.support.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user's sending limits on submission (the test server allows 100 messages and 150 recipients an hour): the
 * message or recipient beyond is answered {@code 451 4.7.1}, another user is not affected, and the MX (no
 * authentication) is not limited this way.
 */
@ExtendWith(ArquillianExtension.class)
class SubmissionLimitsIT {

    private static final String PASSWORD = "limits test password";
    private static final AdminClient ADMIN = new AdminClient();

    @Test
    void theMessageBeyondTheHourlyLimitIsDeferred() throws Exception {
        String domain = TestServer.uniqueDomain("limits");
        ADMIN.createDomain(domain);
        String busy = "busy@" + domain;
        String other = "calm@" + domain;
        ADMIN.createUser(busy, PASSWORD);
        ADMIN.createUser(other, PASSWORD);
        try (SmtpConversation smtp = login(busy)) {
            for (int i = 0; i < 100; i++) {
                SmtpConversation.Reply r = smtp.command("MAIL FROM:<" + busy + ">");
                assertEquals(250, r.code(), "message " + (i + 1) + ": " + r);
                assertEquals(250, smtp.command("RSET").code());
            }
            SmtpConversation.Reply refused = smtp.command("MAIL FROM:<" + busy + ">");
            assertEquals(451, refused.code(), refused.toString());
            assertTrue(refused.last().startsWith("451 4.7.1 Error: too many messages from " + busy), refused.toString());
        }
        try (SmtpConversation smtp = login(other)) {
            assertEquals(250, smtp.command("MAIL FROM:<" + other + ">").code(), "another user sends on");
            // 150 recipients an hour: the 151st is deferred, in the same transaction
            for (int i = 0; i < 150; i++) {
                if (i > 0 && i % 50 == 0) {
                    smtp.command("RSET");
                    smtp.command("MAIL FROM:<" + other + ">");
                }
                assertEquals(250, smtp.command("RCPT TO:<busy@" + domain + ">").code(), "recipient " + (i + 1));
            }
            SmtpConversation.Reply refused = smtp.command("RCPT TO:<busy@" + domain + ">");
            assertEquals(451, refused.code(), refused.toString());
            assertTrue(refused.last().startsWith("451 4.7.1 <busy@" + domain + ">: Error: too many recipients from "
                    + other), refused.toString());
        }
        try (SmtpConversation mx = SmtpConversation.open()) {
            mx.reply();
            mx.command("HELO relay.example");
            assertEquals(250, mx.command("MAIL FROM:<someone@example.net>").code());
            assertEquals(250, mx.command("RCPT TO:<" + busy + ">").code(), "mail to the user still arrives");
        }
    }

    private static SmtpConversation login(String user) throws Exception {
        SmtpConversation smtp = SmtpConversation.open(TestServer.HOST, TestServer.submissionPort());
        smtp.reply();
        smtp.command("EHLO laptop.example");
        assertEquals(235, smtp.authPlain(user, PASSWORD).code());
        return smtp;
    }
}
