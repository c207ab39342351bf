package org.postilion.connector.spi;

import java.time.Instant;
import java.util.List;

/**
 * The SMTP envelope of one accepted message.
 *
 * @param queueId     the identifier the client was (or will be) told, unique across restarts and nodes
 * @param receivedAt  when the message data ended
 * @param session     the connection it came over
 * @param reversePath the sender; null for the null reverse-path {@code <>} (bounces)
 * @param recipients  the accepted recipients, in RCPT order, at least one
 * @param bodyType    the BODY parameter of MAIL (RFC 6152, RFC 3030)
 * @param smtpUtf8    whether MAIL carried SMTPUTF8 (RFC 6531)
 * @param dsnReturn   RET of MAIL (RFC 3461 section 4.3): FULL or HDRS, or null when not given
 * @param envelopeId  ENVID of MAIL (RFC 3461 section 4.4), xtext-decoded, or null
 */
public record Envelope(String queueId, Instant receivedAt, SessionInfo session, MailAddress reversePath,
                       List<EnvelopeRecipient> recipients, BodyType bodyType, boolean smtpUtf8, DsnReturn dsnReturn,
                       String envelopeId) {

    public Envelope {
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs a recipient");
        }
    }

    /** The BODY parameter of MAIL FROM. */
    public enum BodyType {
        SEVEN_BIT, EIGHT_BIT_MIME, BINARY_MIME
    }

    /** The RET parameter of MAIL FROM: what a failure notice should return of the message. */
    public enum DsnReturn {
        FULL, HDRS
    }
}
