package org.postilion.outbound;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounce's structure (RFC 3464 section 2), read back by Jakarta Mail's parser; and the retry schedule. */
class DeliveryStatusNoticeTest {

    private static final byte[] ORIGINAL = ("Received: from client\r\nFrom: a@here.test\r\nTo: b@there.test\r\n"
            + "Subject: caf\u00e9\r\n\r\nbody line\r\n").getBytes(StandardCharsets.UTF_8);

    @Test
    void aFailureNoticeIsAMultipartReportWithHumanPartStatusAndTheOriginal() throws Exception {
        byte[] notice = DeliveryStatusNotice.build(DeliveryStatusNotice.Kind.FAILURE, "mx.here.test", "a@here.test",
                "QID1", "env-1", Instant.parse("2026-12-07T10:00:00Z"),
                List.of(new DeliveryStatusNotice.Entry("b@there.test", "rfc822;b@there.test", "5.1.1",
                        "mx.there.test", "mx.there.test[127.0.0.2] said 550 5.1.1 no such user (in reply to RCPT TO)",
                        Instant.parse("2026-12-07T10:00:05Z"))),
                ORIGINAL, false, null);
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(notice));
        assertTrue(m.isMimeType("multipart/report"), m.getContentType());
        assertTrue(m.getContentType().contains("report-type=delivery-status"), m.getContentType());
        assertEquals("auto-replied", m.getHeader("Auto-Submitted", null));
        assertEquals("MAILER-DAEMON@mx.here.test", ((jakarta.mail.internet.InternetAddress) m.getFrom()[0]).getAddress());
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertEquals(3, parts.getCount());
        assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(((String) parts.getBodyPart(0).getContent()).contains("<b@there.test>: mx.there.test[127.0.0.2] said 550"));
        assertTrue(parts.getBodyPart(1).isMimeType("message/delivery-status"));
        String status = text(parts.getBodyPart(1).getInputStream());
        assertTrue(status.startsWith("Reporting-MTA: dns; mx.here.test\r\n"), status);
        for (String field : List.of("Original-Envelope-Id: env-1", "Final-Recipient: rfc822; b@there.test",
                "Original-Recipient: rfc822;b@there.test", "Action: failed", "Status: 5.1.1",
                "Remote-MTA: dns; mx.there.test", "Diagnostic-Code: smtp; 550 5.1.1 no such user",
                "Arrival-Date: Mon, 7 Dec 2026 10:00:00 +0000")) {
            assertTrue(status.contains(field + "\r\n"), field + " in " + status);
        }
        assertTrue(status.contains("\r\n\r\nFinal-Recipient"), "per-recipient fields in their own block");
        assertTrue(parts.getBodyPart(2).isMimeType("message/rfc822"));
        assertEquals("8bit", parts.getBodyPart(2).getHeader("Content-Transfer-Encoding")[0], "never encoded (RFC 2046)");
        assertTrue(new String(notice, StandardCharsets.UTF_8).contains("Subject: caf\u00e9\r\n\r\nbody line"));
    }

    @Test
    void retHdrsReturnsTheHeaderOnlyAndADelayNoticeSaysUntilWhen() throws Exception {
        byte[] notice = DeliveryStatusNotice.build(DeliveryStatusNotice.Kind.DELAY, "mx.here.test", "a@here.test",
                "QID2", null, Instant.parse("2026-12-07T10:00:00Z"),
                List.of(new DeliveryStatusNotice.Entry("b@there.test", "", "4.4.1", null, "connection refused",
                        null)), ORIGINAL, true, Instant.parse("2026-12-12T10:00:00Z"));
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(notice));
        MimeMultipart parts = (MimeMultipart) m.getContent();
        String status = text(parts.getBodyPart(1).getInputStream());
        assertTrue(status.contains("Action: delayed\r\n"), status);
        assertTrue(status.contains("Will-Retry-Until: Sat, 12 Dec 2026 10:00:00 +0000\r\n"), status);
        assertTrue(status.contains("Diagnostic-Code: X-Postilion; connection refused\r\n"), status);
        assertFalse(status.contains("Original-Envelope-Id"));
        assertTrue(parts.getBodyPart(2).isMimeType("text/rfc822-headers"));
        String returned = text(parts.getBodyPart(2).getInputStream());
        assertTrue(returned.contains("Subject: caf") && !returned.contains("body line"), returned);
        assertEquals("Delayed Mail (still being retried)", m.getSubject());
    }

    @Test
    void hostileTextInADiagnosticStaysOnOneAsciiLine() {
        String status = DeliveryStatusNotice.deliveryStatus(DeliveryStatusNotice.Kind.FAILURE, "mx", "Q", null,
                Instant.EPOCH, List.of(new DeliveryStatusNotice.Entry("b@x.test", "", "5.0.0", null,
                        "evil\r\nAction: delivered\u00ff", null)), null);
        assertFalse(status.contains("\r\nAction: delivered"), "no field of its own: " + status);
        assertTrue(status.contains("Diagnostic-Code: X-Postilion; evil??Action: delivered?\r\n"), status);
    }

    @Test
    void retriesDoubleFromTheFirstWaitUpToTheMaximum() {
        OutboundSettings s = new OutboundSettings(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(5),
                Duration.ofHours(4), 25, Duration.ofSeconds(30), Duration.ofMinutes(5), "mx");
        assertEquals(List.of(5L, 10L, 20L, 40L, 60L, 60L), List.of(1, 2, 3, 4, 5, 9).stream()
                .map(a -> s.retryAfter(a).toMinutes()).toList());
    }

    @Test
    void theEnhancedStatusCodeIsTakenFromAReplyOfTheSameClass() {
        assertEquals("5.1.1", SmtpTransaction.dsnStatus("550 5.1.1 no such user", "5.0.0"));
        assertEquals("5.0.0", SmtpTransaction.dsnStatus("550 no such user", "5.0.0"));
        assertEquals("4.0.0", SmtpTransaction.dsnStatus("451 5.1.1 confused server", "4.0.0"));
        assertEquals("2.0.0", SmtpTransaction.dsnStatus(null, "2.0.0"));
        assertEquals("5.7.8", SmtpTransaction.dsnStatus("relay.test[127.0.0.9] said 535 5.7.8 bad login", "5.0.0"));
    }

    private static String text(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
