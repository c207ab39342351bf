package org.postilion.queue;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A message on a mail queue: its envelope as message properties and its bytes as the body of a
 * {@link BytesMessage}.
 *
 * @param queueId           the id the client was told
 * @param receivedAt        when the data ended
 * @param sender            the reverse-path, {@code ""} for the null path
 * @param recipients        the recipients, with their DSN requests
 * @param clientAddress     the client's IP address
 * @param heloName          what the client said in HELO/EHLO
 * @param authenticatedUser who the client authenticated as, or null
 * @param dsnReturn         RET ({@code FULL} or {@code HDRS}), or null
 * @param envelopeId        ENVID, decoded, or null
 * @param content           the message, with its trace header
 */
public record QueuedMessage(String queueId, Instant receivedAt, String sender, List<Recipient> recipients,
                            String clientAddress, String heloName, String authenticatedUser, String dsnReturn,
                            String envelopeId, byte[] content) {

    static final String QUEUE_ID = "postilion_queue_id";
    static final String RECEIVED_AT = "postilion_received_at";
    static final String SENDER = "postilion_sender";
    static final String RECIPIENTS = "postilion_recipients";
    static final String CLIENT_ADDRESS = "postilion_client_address";
    static final String HELO_NAME = "postilion_helo_name";
    static final String AUTHENTICATED_USER = "postilion_authenticated_user";
    static final String DSN_RETURN = "postilion_dsn_ret";
    static final String ENVELOPE_ID = "postilion_dsn_envid";
    /** Artemis's duplicate detection: a second message with the same id on an address is dropped by the broker. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    /**
     * One recipient: {@code local-part@domain} with the local part unquoted, and its DSN request as received.
     *
     * @param dsnNotify NOTIFY values joined by commas, or "" when none were given
     * @param orcpt  ORCPT as received, or "" when none
     */
    public record Recipient(String address, String dsnNotify, String orcpt) {
        public static Recipient of(String address) {
            return new Recipient(address, "", "");
        }
    }

    /** Recipients are lines of tab-separated fields: no address, NOTIFY or xtext ORCPT holds a tab or LF. */
    private static final String LINE = "\n";
    private static final String FIELD = "\t";

    public QueuedMessage {
        recipients = List.copyOf(recipients);
    }

    /** The same message for other recipients (e.g. the remote ones). */
    public QueuedMessage withRecipients(List<Recipient> others) {
        return new QueuedMessage(queueId, receivedAt, sender, others, clientAddress, heloName, authenticatedUser,
                dsnReturn, envelopeId, content);
    }

    public void writeTo(BytesMessage m) throws JMSException {
        m.setStringProperty(QUEUE_ID, queueId);
        m.setLongProperty(RECEIVED_AT, receivedAt.toEpochMilli());
        m.setStringProperty(SENDER, sender);
        List<String> lines = new ArrayList<>();
        for (Recipient r : recipients) {
            lines.add(r.address() + FIELD + r.dsnNotify() + FIELD + r.orcpt());
        }
        m.setStringProperty(RECIPIENTS, String.join(LINE, lines));
        m.setStringProperty(CLIENT_ADDRESS, clientAddress);
        m.setStringProperty(HELO_NAME, heloName);
        if (authenticatedUser != null) {
            m.setStringProperty(AUTHENTICATED_USER, authenticatedUser);
        }
        if (dsnReturn != null) {
            m.setStringProperty(DSN_RETURN, dsnReturn);
        }
        if (envelopeId != null) {
            m.setStringProperty(ENVELOPE_ID, envelopeId);
        }
        m.writeBytes(content);
    }

    public static QueuedMessage readFrom(Message m) throws JMSException {
        if (!(m instanceof BytesMessage bytes)) {
            throw new JMSException("not a queued mail message: " + m.getClass().getName());
        }
        byte[] content = bytes.getBody(byte[].class);
        String encoded = m.getStringProperty(RECIPIENTS);
        List<Recipient> recipients = new ArrayList<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String line : encoded.split(LINE)) {
                String[] f = line.split(FIELD, -1);
                recipients.add(new Recipient(f[0], f.length > 1 ? f[1] : "", f.length > 2 ? f[2] : ""));
            }
        }
        return new QueuedMessage(
                m.getStringProperty(QUEUE_ID),
                Instant.ofEpochMilli(m.getLongProperty(RECEIVED_AT)),
                m.getStringProperty(SENDER),
                recipients,
                m.getStringProperty(CLIENT_ADDRESS),
                m.getStringProperty(HELO_NAME),
                m.getStringProperty(AUTHENTICATED_USER),
                m.getStringProperty(DSN_RETURN),
                m.getStringProperty(ENVELOPE_ID),
                content == null ? new byte[0] : content);
    }

    @Override
    public String toString() {
        return queueId + " from=<" + sender + "> nrcpt=" + recipients.size() + " size=" + content.length;
    }
}
