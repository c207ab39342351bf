package org.postilion.connector.smtp;

import org.postilion.connector.spi.MailAddress;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The trace header a server adds to every message it accepts (RFC 5321 section 4.4), with the transmission
 * type of RFC 3848 and, as Postfix writes them, the TLS parameters and the authenticated sender:
 * <pre>
 * Received: from client.example (unknown [192.0.2.1])
 *         (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))
 *         (Authenticated sender: bob@example.com)
 *         by mx.example.com (Postilion) with ESMTPSA id 2MZAMCKQ0025Q7XS
 *         for &lt;carol@example.org&gt;; Sun, 22 Nov 2026 01:27:58 +0000
 * </pre>
 * The recipient is named only when there is one, so that a message does not show its other recipients.
 */
public final class ReceivedHeader {

    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private ReceivedHeader() {
    }

    public static byte[] render(SmtpSession session, String queueId, List<MailAddress> recipients, ZonedDateTime when) {
        return render(session.heloName(), session.clientAddress(), session.tls(), session.authenticatedUser(),
                session.hostname(), session.protocol(), queueId, recipients, when);
    }

    /**
     * @param tls               the TLS description, {@code using TLSv1.3 with cipher ... (256/256 bits)}, or null
     * @param authenticatedUser the SASL user, or null
     */
    public static byte[] render(String heloName, String clientAddress, String tls, String authenticatedUser,
                                String serverHost, String protocol, String queueId, List<MailAddress> recipients,
                                ZonedDateTime when) {
        StringBuilder b = new StringBuilder(320);
        b.append("Received: from ").append(sanitize(heloName == null ? "unknown" : heloName))
                .append(" (unknown [").append(clientAddress).append("])\r\n");
        if (tls != null) {
            // written by this server's TLS stack, not by the client
            b.append("\t(").append(tls).append(")\r\n");
        }
        if (authenticatedUser != null) {
            b.append("\t(Authenticated sender: ").append(sanitizeComment(authenticatedUser)).append(")\r\n");
        }
        b.append("\tby ").append(serverHost).append(" (Postilion) with ").append(protocol)
                .append(" id ").append(queueId);
        if (recipients.size() == 1) {
            b.append("\r\n\tfor <").append(sanitize(recipients.get(0).toString())).append(">");
        }
        b.append("; ").append(RFC_5322_DATE.format(when)).append("\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Client-supplied words in a header: printable, no space, no parentheses that would unbalance a comment. */
    private static String sanitize(String s) {
        return clean(s, 33);
    }

    /** Text inside a comment: as {@link #sanitize}, but spaces stay. */
    private static String sanitizeComment(String s) {
        return clean(s, 32);
    }

    private static String clean(String s, int lowest) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length() && b.length() < 255; i++) {
            char c = s.charAt(i);
            b.append(c < lowest || c == 127 || c == '(' || c == ')' ? '?' : c);
        }
        return b.toString();
    }
}
