package org.postilion.it;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postilion.it.support.AdminClient;
import org.postilion.it.support.SmtpConversation;
import org.postilion.it.support.TestServer;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The open-relay battery against the MX without AUTH: every way of naming a recipient elsewhere through a hosted
 * domain is refused at RCPT, and nothing is queued. The hosted domain has a user but no catch-all (a catch-all
 * would accept {@code user%foreign@local} for local delivery, which is not relaying).
 */
@ExtendWith(ArquillianExtension.class)
class OpenRelayIT {

    private static final AdminClient ADMIN = new AdminClient();
    private static String local;

    @BeforeAll
    static void hostADomain() {
        local = TestServer.uniqueDomain("relay");
        ADMIN.createDomain(local);
        ADMIN.createUser("real@" + local, "real's password");
    }

    @Test
    void everyRelayAttemptIsRefusedAndNothingIsQueued() throws Exception {
        Map<String, String> battery = new LinkedHashMap<>();
        battery.put("someone@foreign.example", "554 5.7.1");
        battery.put("user%foreign.example@" + local, "550 5.1.1");
        battery.put("\"user@foreign.example\"@" + local, "550 5.1.1");
        battery.put("@" + local + ":user@foreign.example", "554 5.7.1");
        battery.put("@" + local + ",@other.example:user@foreign.example", "554 5.7.1");
        battery.put("foreign.example!user@" + local, "550 5.1.1");
        battery.put("user@foreign.example@" + local, "501 5.1.3");
        battery.put("user", "501 5.1.3");
        battery.put("user@[1.2.3.4]", "554 5.7.1");
        battery.put("user@[IPv6:2001:db8::1]", "554 5.7.1");
        battery.put("user@[127.0.0.1]", "554 5.7.1");
        battery.put("USER@FOREIGN.EXAMPLE", "554 5.7.1");
        battery.put("user@foreign.example.", "501 5.1.3");
        battery.put("user@" + local + ".", "501 5.1.3");
        battery.put("user@" + local.toUpperCase() + ".foreign.example", "554 5.7.1");
        battery.put("real@" + local + "@foreign.example", "501 5.1.3");
        battery.put("real%foreign.example", "501 5.1.3");
        try (SmtpConversation smtp = SmtpConversation.open()) {
            assertEquals(220, smtp.reply().code());
            assertEquals(250, smtp.command("EHLO attacker.example").code());
            assertEquals(250, smtp.command("MAIL FROM:<spammer@attacker.example>").code());
            for (Map.Entry<String, String> attempt : battery.entrySet()) {
                String path = "<" + attempt.getKey() + ">";
                SmtpConversation.Reply reply = smtp.command("RCPT TO:" + path);
                assertTrue(reply.last().startsWith(attempt.getValue()),
                        "RCPT TO:" + path + " should get " + attempt.getValue() + " but got " + reply);
            }
            SmtpConversation.Reply data = smtp.command("DATA");
            assertEquals(503, data.code(), "no recipient was accepted: " + data);
            assertEquals(221, smtp.command("QUIT").code());
        }
        assertTrue(ADMIN.inbox("real@" + local).isEmpty());
    }

    @Test
    void aLocalRecipientInAnyCaseIsAcceptedForLocalDeliveryOnly() throws Exception {
        try (SmtpConversation smtp = SmtpConversation.open()) {
            smtp.reply();
            smtp.command("EHLO client.example");
            smtp.command("MAIL FROM:<someone@client.example>");
            assertEquals(250, smtp.command("RCPT TO:<REAL@" + local.toUpperCase() + ">").code());
            assertEquals(554, smtp.command("RCPT TO:<real@foreign.example>").code());
            assertEquals(221, smtp.command("QUIT").code());
        }
    }
}
