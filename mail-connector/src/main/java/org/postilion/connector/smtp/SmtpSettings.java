package org.postilion.connector.smtp;

import java.time.Duration;

/**
 * The limits and names of one SMTP listener. Defaults are Postfix's, named after its parameters.
 *
 * @param hostname          the name the server gives in its greeting, EHLO reply and {@code Received:} lines
 * @param lineLengthLimit   longest command line in octets, without CRLF [line_length_limit, 2048]
 * @param messageSizeLimit  largest message in octets [message_size_limit, 10240000]
 * @param recipientLimit    most recipients per message [smtpd_recipient_limit, 1000]
 * @param idleTimeout       longest wait for the client to send [smtpd_timeout, 300 s]
 * @param hardErrorLimit    errors in a session before it is closed [smtpd_hard_error_limit, 20]
 */
public record SmtpSettings(String hostname, int lineLengthLimit, long messageSizeLimit, int recipientLimit,
                           Duration idleTimeout, int hardErrorLimit) {

    public static final int LINE_LENGTH_LIMIT = 2048;
    public static final long MESSAGE_SIZE_LIMIT = 10_240_000;
    public static final int RECIPIENT_LIMIT = 1000;
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(300);
    public static final int HARD_ERROR_LIMIT = 20;

    public SmtpSettings {
        if (lineLengthLimit < 512) {
            throw new IllegalArgumentException("line length limit below 512 (RFC 5321 section 4.5.3.1.4)");
        }
        if (messageSizeLimit < 65536 || recipientLimit < 1 || hardErrorLimit < 1 || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("SMTP limits out of range");
        }
    }

    public static SmtpSettings defaults(String hostname) {
        return new SmtpSettings(hostname, LINE_LENGTH_LIMIT, MESSAGE_SIZE_LIMIT, RECIPIENT_LIMIT, IDLE_TIMEOUT,
                HARD_ERROR_LIMIT);
    }
}
