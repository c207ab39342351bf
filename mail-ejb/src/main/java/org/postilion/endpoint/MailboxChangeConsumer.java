package org.postilion.endpoint;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import org.postilion.connector.spi.imap.MailboxSignals;
import org.postilion.mailbox.internal.MailboxChangeTopic;
import org.postilion.queue.MailQueues;

import java.util.logging.Logger;

/**
 * Consumes {@code mail.changes} on every node (a non-durable topic subscription each) and wakes the node's
 * IMAP sessions that have one of the changed mailboxes selected. Notices this node sent are skipped: its
 * sessions were signalled when the change committed ({@link MailboxChangeNotifier}).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = MailQueues.MAILBOX_CHANGES),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailboxChangeConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(MailboxChangeConsumer.class.getName());

    @Override
    public void onMessage(Message message) {
        String body;
        try {
            if (MailboxChangeTopic.THIS_NODE.equals(message.getStringProperty(MailboxChangeTopic.ORIGIN))) {
                return;
            }
            body = message instanceof TextMessage text ? text.getText() : null;
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable change notice", e);
        }
        if (body == null || body.isEmpty()) {
            LOG.warning(() -> "ignoring a change notice without mailbox ids: " + message);
            return;
        }
        for (String id : body.split(",")) {
            MailboxSignals.changed(Long.parseLong(id));
        }
    }
}
