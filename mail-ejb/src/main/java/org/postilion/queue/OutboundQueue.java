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
     * consumer after the delay (Artemis's scheduled delivery). Idempotent per step ({@code attempt/3}): a repeated
     * deferral of the same step (after a crash) is dropped by the broker's duplicate detection.
     */
    public void defer(QueuedMessage message, int nextAttempt, java.time.Duration delay, String step) {
        BytesMessage m = jms.createBytesMessage();
        try {
            message.writeTo(m);
            m.setIntProperty(ATTEMPT, nextAttempt);
            m.setStringProperty(QueuedMessage.DUPLICATE_ID, message.queueId() + "/" + step);
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
        jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).setDeliveryDelay(Math.max(0, delay.toMillis()))
                .send(deferred, m);
    }

    /**
     * Brings the message's scheduled retry forward to now (an administrator's "retry now" or "release"): Artemis
     * delivers the scheduled messages of {@code mail.outbound.deferred} that carry the queue id at once.
     *
     * @return whether the broker's management answered
     */
    public boolean wakeUp(String queueId) {
        javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        try {
            for (javax.management.ObjectName name : server.queryNames(new javax.management.ObjectName(
                    "org.apache.activemq.artemis:component=addresses,subcomponent=queues,*"), null)) {
                String queue = javax.management.ObjectName.unquote(name.getKeyProperty("queue"));
                if (queue.endsWith("mail.outbound.deferred")) {
                    server.invoke(name, "deliverScheduledMessages",
                            new Object[]{QueuedMessage.QUEUE_ID + " = '" + queueId.replace("'", "''") + "'"},
                            new String[]{String.class.getName()});
                    return true;
                }
            }
        } catch (javax.management.JMException e) {
            return false;
        }
        return false;
    }

    /** The attempt a queue message is for: 1 on {@code mail.outbound}, as written by {@link #defer} otherwise. */
    public static int attemptOf(jakarta.jms.Message m) throws JMSException {
        return m.propertyExists(ATTEMPT) ? m.getIntProperty(ATTEMPT) : 1;
    }
}
