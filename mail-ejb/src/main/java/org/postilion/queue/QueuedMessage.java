package org.postilion.queue;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A message on a mail queue: its envelope as message properties and its bytes as the body of a
 * {@link BytesMessage}.
 *
 * @param queueId           the id the client was told
 * @param receivedAt        when the data ended
 * @param sender            the reverse-path, {@code ""} for the null path
 * @param recipients        the recipients, each {@code local-part@domain} with the local part unquoted
 * @param clientAddress     the client's IP address
 * @param heloName          what the client said in HELO/EHLO
 * @param authenticatedUser who the client authenticated as, or null
 * @param content           the message, with its trace header
 */
public record QueuedMessage(String queueId, Instant receivedAt, String sender, List<String> recipients,
                            String clientAddress, String heloName, String authenticatedUser, byte[] content) {

    static final String QUEUE_ID = "postilion_queue_id";
    static final String RECEIVED_AT = "postilion_received_at";
    static final String SENDER = "postilion_sender";
    static final String RECIPIENTS = "postilion_recipients";
    static final String CLIENT_ADDRESS = "postilion_client_address";
    static final String HELO_NAME = "postilion_helo_name";
    static final String AUTHENTICATED_USER = "postilion_authenticated_user";

    /** Recipients are joined by LF: no address can hold one (RFC 5321 section 4.1.2). */
    private static final String RECIPIENT_SEPARATOR = "\n";

    public QueuedMessage {
        recipients = List.copyOf(recipients);
    }

    public void writeTo(BytesMessage m) throws JMSException {
        m.setStringProperty(QUEUE_ID, queueId);
        m.setLongProperty(RECEIVED_AT, receivedAt.toEpochMilli());
        m.setStringProperty(SENDER, sender);
        m.setStringProperty(RECIPIENTS, String.join(RECIPIENT_SEPARATOR, recipients));
        m.setStringProperty(CLIENT_ADDRESS, clientAddress);
        m.setStringProperty(HELO_NAME, heloName);
        if (authenticatedUser != null) {
            m.setStringProperty(AUTHENTICATED_USER, authenticatedUser);
        }
        m.writeBytes(content);
    }

    public static QueuedMessage readFrom(Message m) throws JMSException {
        if (!(m instanceof BytesMessage bytes)) {
            throw new JMSException("not a queued mail message: " + m.getClass().getName());
        }
        byte[] content = bytes.getBody(byte[].class);
        String recipients = m.getStringProperty(RECIPIENTS);
        return new QueuedMessage(
                m.getStringProperty(QUEUE_ID),
                Instant.ofEpochMilli(m.getLongProperty(RECEIVED_AT)),
                m.getStringProperty(SENDER),
                recipients == null || recipients.isEmpty() ? List.of()
                        : Arrays.asList(recipients.split(RECIPIENT_SEPARATOR)),
                m.getStringProperty(CLIENT_ADDRESS),
                m.getStringProperty(HELO_NAME),
                m.getStringProperty(AUTHENTICATED_USER),
                content == null ? new byte[0] : content);
    }

    @Override
    public String toString() {
        return queueId + " from=<" + sender + "> nrcpt=" + recipients.size() + " size=" + content.length;
    }
}
