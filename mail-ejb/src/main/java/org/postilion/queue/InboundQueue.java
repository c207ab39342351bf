package org.postilion.queue;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;

/**
 * Puts accepted messages on {@code mail.inbound}: one persistent, non-transacted send, which returns only when
 * the broker has written the message to its journal and synced it (Artemis's blocking durable send, with the
 * journal's group commit shared by all senders). A failed send throws, and the client is told to try again.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InboundQueue {

    @Inject
    private JMSContext jms;

    @Resource(lookup = MailQueues.INBOUND)
    private Queue inbound;

    public void enqueue(QueuedMessage message) {
        BytesMessage m = jms.createBytesMessage();
        try {
            message.writeTo(m);
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
        jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(inbound, m);
    }
}
