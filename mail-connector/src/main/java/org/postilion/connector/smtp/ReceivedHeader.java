package org.postilion.connector.smtp;

import org.postilion.connector.spi.MailAddress;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The trace header a server adds to every message it accepts (RFC 5321 section 4.4), with the transmission
 * type of RFC 3848, worded as Postfix words it:
 * <pre>
 * Received: from client.example (unknown [192.0.2.1])
 *         by mx.example.com (Postilion) with ESMTP id 0H4C2M5K7PQRS
 *         for &lt;bob@example.com&gt;; Sun, 22 Nov 2026 01:27:58 +0000
 * </pre>
 * The recipient is named only when there is one, so that a message does not show its other recipients.
 */
public final class ReceivedHeader {

    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private ReceivedHeader() {
    }

    public static byte[] render(String heloName, String clientAddress, String serverHost, String protocol,
                                String queueId, List<MailAddress> recipients, ZonedDateTime when) {
        StringBuilder b = new StringBuilder(256);
        b.append("Received: from ").append(sanitize(heloName))
                .append(" (unknown [").append(clientAddress).append("])\r\n");
        b.append("\tby ").append(serverHost).append(" (Postilion) with ").append(protocol)
                .append(" id ").append(queueId);
        if (recipients.size() == 1) {
            b.append("\r\n\tfor <").append(sanitize(recipients.get(0).toString())).append(">");
        }
        b.append("; ").append(RFC_5322_DATE.format(when)).append("\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Client-supplied text in a header: printable, no parentheses that would unbalance the comment. */
    private static String sanitize(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length() && b.length() < 255; i++) {
            char c = s.charAt(i);
            b.append(c < 33 || c == 127 || c == '(' || c == ')' ? '?' : c);
        }
        return b.toString();
    }
}
