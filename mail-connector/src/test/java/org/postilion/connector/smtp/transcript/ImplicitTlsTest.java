package org.postilion.connector.smtp.transcript;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postilion.connector.net.EventLoops;
import org.postilion.connector.smtp.SmtpSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An implicit-TLS listener (RFC 8314, port 465) speaks TLS from the first octet: a client speaking SMTP in clear
 * text gets nothing it can use (never the greeting, never a reply) and is disconnected; nothing of the session
 * happens.
 */
class ImplicitTlsTest {

    private static EventLoops loops;

    @BeforeAll
    static void startEventLoops() {
        loops = new EventLoops(1);
    }

    @AfterAll
    static void stopEventLoops() {
        loops.close();
    }

    @Test
    void neverGreetsOrAnswersAClearTextClientAndClosesItsConnection() throws IOException {
        FakeSmtpBackend backend = FakeSmtpBackend.synchronous();
        try (SmtpTestServer server = SmtpTestServer.start(loops, SmtpSettings.submissions("mx.test").build(), backend);
             SmtpTestClient client = SmtpTestClient.connect(server.address())) {
            client.send("EHLO client.example");
            client.send("MAIL FROM:<bob@example.com>");

            // readUntilClosed fails with a timeout if the server keeps the connection open
            byte[] received = client.readUntilClosed(Duration.ofSeconds(5));

            String text = new String(received, StandardCharsets.ISO_8859_1);
            assertFalse(text.contains("220 "), "no clear-text greeting: " + text);
            assertFalse(text.contains("250"), "no clear-text reply: " + text);
            assertTrue(backend.senderChecks().isEmpty());
        }
    }

    @Test
    void greetsATlsClientBeforeItSaysAnything() throws IOException {
        try (SmtpTestServer server = SmtpTestServer.start(loops, SmtpSettings.submissions("mx.test").build(),
                FakeSmtpBackend.synchronous());
             SmtpTestClient client = SmtpTestClient.connectTls(server.address())) {
            assertEquals("220 mx.test ESMTP Postilion", client.readReply().toString());
        }
    }
}
