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
import java.util.List;
import java.util.Properties;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walking skeleton, end to end: a user created through the API receives a message sent with Angus Mail
 * over SMTP, and the API lists it in the user's INBOX.
 */
@ExtendWith(ArquillianExtension.class)
class MessageFlowIT {

    private final AdminClient admin = new AdminClient();

    @Test
    void messageSentWithAngusMailIsListedInTheInbox() throws Exception {
        String domain = TestServer.uniqueDomain("flow");
        String bob = "bob@" + domain;
        admin.createDomain(domain);
        admin.createUser(bob, "correct horse battery");

        Properties props = new Properties();
        props.put("mail.smtp.host", TestServer.HOST);
        props.put("mail.smtp.port", Integer.toString(TestServer.smtpPort()));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "30000");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("alice@example.net", "Alice Example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(bob));
        message.setSubject("Grüße from the skeleton", "UTF-8");
        message.setText("Hello Bob,\r\n.a line starting with a dot\r\n", "UTF-8");
        Transport.send(message);

        List<JsonObject> inbox = await().atMost(Duration.ofSeconds(20))
                .until(() -> admin.inbox(bob), list -> list.size() == 1);
        JsonObject listed = inbox.get(0);
        assertEquals(1, listed.getJsonNumber("uid").longValue());
        assertEquals("Grüße from the skeleton", listed.getString("subject"));
        assertEquals("Alice Example <alice@example.net>", listed.getString("from"));
        assertTrue(listed.getJsonNumber("size").longValue() > 100, "size counts the whole message");
    }
}
