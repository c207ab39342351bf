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
 * Puts messages for recipients elsewhere on {@code mail.outbound}, where they wait for remote delivery. The send
 * is durable when it returns and idempotent: it carries Artemis's duplicate-detection id, derived from the queue
 * id, so a delivery repeated after a crash does not queue the message twice.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboundQueue {

    @Inject
    private JMSContext jms;

    @Resource(lookup = MailQueues.OUTBOUND)
    private Queue outbound;

    public void enqueue(QueuedMessage message) {
        BytesMessage m = jms.createBytesMessage();
        try {
            message.writeTo(m);
            m.setStringProperty(QueuedMessage.DUPLICATE_ID, message.queueId() + "/outbound");
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
        jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(outbound, m);
    }
}
