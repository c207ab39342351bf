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
 * Puts messages for recipients elsewhere on {@code mail.outbound}, where they wait for remote delivery, and those
 * whose delivery failed temporarily on {@code mail.outbound.deferred}, for their next attempt. Each send is durable
 * when it returns and idempotent: it carries Artemis's duplicate-detection id, derived from the queue id (and the
 * attempt), so a step repeated after a crash does not queue the message twice.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboundQueue {

    @Inject
    private JMSContext jms;

    /** The attempt a message on {@code mail.outbound.deferred} is for (2 for the first retry); absent: 1. */
    public static final String ATTEMPT = "postilion_attempt";

    @Resource(lookup = MailQueues.OUTBOUND)
    private Queue outbound;

    @Resource(lookup = MailQueues.OUTBOUND_DEFERRED)
    private Queue deferred;

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

    /**
     * Puts the message, for the recipients still waiting, on {@code mail.outbound.deferred}, delivered to its
     * consumer after the delay (Artemis's scheduled delivery). Idempotent per attempt: a repeated deferral of the
     * same attempt (after a crash) is dropped by the broker's duplicate detection.
     */
    public void defer(QueuedMessage message, int nextAttempt, java.time.Duration delay) {
        BytesMessage m = jms.createBytesMessage();
        try {
            message.writeTo(m);
            m.setIntProperty(ATTEMPT, nextAttempt);
            m.setStringProperty(QueuedMessage.DUPLICATE_ID, message.queueId() + "/attempt/" + nextAttempt);
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
        jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).setDeliveryDelay(Math.max(0, delay.toMillis()))
                .send(deferred, m);
    }

    /** The attempt a queue message is for: 1 on {@code mail.outbound}, as written by {@link #defer} otherwise. */
    public static int attemptOf(jakarta.jms.Message m) throws JMSException {
        return m.propertyExists(ATTEMPT) ? m.getIntProperty(ATTEMPT) : 1;
    }
}
