package org.postilion.outbound;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * A delivery status notification (RFC 3464): {@code multipart/report; report-type=delivery-status} with a
 * human-readable part first, the machine-readable {@code message/delivery-status} (one block per recipient), and
 * the original message ({@code message/rfc822}) or only its header ({@code text/rfc822-headers}) as RET asked.
 * It comes from the null sender, so that nobody ever answers it with another bounce, and says it is automatic
 * ({@code Auto-Submitted: auto-replied}, RFC 3834).
 */
final class DeliveryStatusNotice {

    /** What the notice reports: failed for good, or still being retried. */
    enum Kind {
        FAILURE("failed", "Undelivered Mail Returned to Sender"),
        DELAY("delayed", "Delayed Mail (still being retried)");

        final String action;
        final String subject;

        Kind(String action, String subject) {
            this.action = action;
            this.subject = subject;
        }
    }

    /**
     * One recipient's report.
     *
     * @param orcpt       ORCPT as received ({@code rfc822;x@y}), or ""
     * @param remoteHost  the remote host that answered, or null
     * @param diagnostic  its reply, or what went wrong
     */
    record Entry(String address, String orcpt, String status, String remoteHost, String diagnostic,
                 Instant lastAttempt) {
    }

    private static final DateTimeFormatter RFC5322 = DateTimeFormatter
            .ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private DeliveryStatusNotice() {
    }

    /**
     * The notice's bytes.
     *
     * @param hostname   this server's name (Reporting-MTA, the From's domain)
     * @param queueId    the original's queue id
     * @param envelopeId ENVID, or null
     * @param returnHeadersOnly RET=HDRS: the original's header only
     * @param retryUntil when retries end (for a delay notice), or null
     */
    static byte[] build(Kind kind, String hostname, String sender, String queueId, String envelopeId,
                        Instant arrival, List<Entry> entries, byte[] original, boolean returnHeadersOnly,
                        Instant retryUntil) {
        try {
            Session session = Session.getInstance(new Properties());
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress("MAILER-DAEMON@" + hostname, "Mail Delivery System", "UTF-8"));
            m.setRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(sender, false));
            m.setSubject(kind.subject, "UTF-8");
            m.setSentDate(new Date());
            m.setHeader("Auto-Submitted", "auto-replied");

            MimeBodyPart human = new MimeBodyPart();
            human.setText(humanText(kind, hostname, entries, retryUntil), "UTF-8");

            MimeBodyPart status = new MimeBodyPart();
            status.setDataHandler(new DataHandler(new ByteArrayDataSource(
                    deliveryStatus(kind, hostname, queueId, envelopeId, arrival, entries, retryUntil)
                            .getBytes(StandardCharsets.UTF_8), "message/delivery-status")));
            status.setHeader("Content-Type", "message/delivery-status");
            status.setHeader("Content-Transfer-Encoding", "7bit");

            MimeBodyPart returned = new MimeBodyPart();
            byte[] body = returnHeadersOnly ? headerOf(original) : original;
            String type = returnHeadersOnly ? "text/rfc822-headers" : "message/rfc822";
            returned.setDataHandler(new DataHandler(new ByteArrayDataSource(body, type)));
            returned.setHeader("Content-Type", type);
            // message/rfc822 may not be base64 or quoted-printable (RFC 2046 section 5.2.1)
            returned.setHeader("Content-Transfer-Encoding", eightBit(body) ? "8bit" : "7bit");

            MimeMultipart report = new MimeMultipart("report; report-type=delivery-status");
            report.addBodyPart(human);
            report.addBodyPart(status);
            report.addBodyPart(returned);
            m.setContent(report);
            m.saveChanges();
            m.setHeader("Message-ID", "<" + queueId + "." + kind.name().toLowerCase(Locale.ROOT) + "." + System.currentTimeMillis()
                    + "@" + hostname + ">");
            ByteArrayOutputStream out = new ByteArrayOutputStream(original.length + 4096);
            m.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("cannot write a delivery status notification: " + e.getMessage(), e);
        }
    }

    private static String humanText(Kind kind, String hostname, List<Entry> entries, Instant retryUntil) {
        StringBuilder b = new StringBuilder();
        b.append("This is the mail system at ").append(hostname).append(".\r\n\r\n");
        if (kind == Kind.FAILURE) {
            b.append("Your message could not be delivered to the recipients below. This is a permanent error;\r\n")
                    .append("the mail system will not try again.\r\n");
        } else {
            b.append("Your message has not been delivered yet to the recipients below. The mail system keeps\r\n")
                    .append("trying until ").append(RFC5322.format(retryUntil))
                    .append("; you do not need to send it again.\r\n");
        }
        b.append("\r\n");
        for (Entry e : entries) {
            b.append("<").append(e.address()).append(">: ").append(e.diagnostic()).append("\r\n");
        }
        return b.toString();
    }

    static String deliveryStatus(Kind kind, String hostname, String queueId, String envelopeId, Instant arrival,
                                 List<Entry> entries, Instant retryUntil) {
        StringBuilder b = new StringBuilder();
        b.append("Reporting-MTA: dns; ").append(hostname).append("\r\n");
        b.append("X-Postilion-Queue-ID: ").append(queueId).append("\r\n");
        if (envelopeId != null && !envelopeId.isEmpty()) {
            b.append("Original-Envelope-Id: ").append(printable(envelopeId)).append("\r\n");
        }
        b.append("Arrival-Date: ").append(RFC5322.format(arrival)).append("\r\n");
        for (Entry e : entries) {
            b.append("\r\n");
            b.append("Final-Recipient: rfc822; ").append(e.address()).append("\r\n");
            if (e.orcpt() != null && !e.orcpt().isEmpty()) {
                b.append("Original-Recipient: ").append(printable(e.orcpt())).append("\r\n");
            }
            b.append("Action: ").append(kind.action).append("\r\n");
            b.append("Status: ").append(e.status()).append("\r\n");
            if (e.remoteHost() != null) {
                b.append("Remote-MTA: dns; ").append(e.remoteHost()).append("\r\n");
            }
            b.append("Diagnostic-Code: ").append(diagnosticCode(e.diagnostic())).append("\r\n");
            if (e.lastAttempt() != null) {
                b.append("Last-Attempt-Date: ").append(RFC5322.format(e.lastAttempt())).append("\r\n");
            }
            if (kind == Kind.DELAY && retryUntil != null) {
                b.append("Will-Retry-Until: ").append(RFC5322.format(retryUntil)).append("\r\n");
            }
        }
        return b.toString();
    }

    /** {@code smtp; 550 5.1.1 ...} when the remote server said it, {@code X-Postilion; ...} for our own words. */
    private static String diagnosticCode(String diagnostic) {
        String d = printable(diagnostic);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" said (\\d{3}[ -].*?)( \\(in reply to .*\\))?$")
                .matcher(d);
        return m.find() ? "smtp; " + m.group(1) : "X-Postilion; " + d;
    }

    /** A header field value on one line of printable ASCII (a DSN field is 7-bit; RFC 3464 section 2.1.1). */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.length() > 900 ? b.substring(0, 900) : b.toString();
    }

    /** The original's header, up to the blank line. */
    static byte[] headerOf(byte[] message) {
        for (int i = 0; i + 3 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                return java.util.Arrays.copyOf(message, i + 2);
            }
        }
        return message;
    }

    private static boolean eightBit(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

}
