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
 * Puts accepted messages on {@code mail.inbound}. The send joins the caller's transaction (the pooled,
 * transactional connection factory), so the message is durable in Artemis's journal when that transaction
 * commits, and not before.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
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
