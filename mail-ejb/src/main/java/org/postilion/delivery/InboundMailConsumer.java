package org.postilion.delivery;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.postilion.operations.MailMetrics;
import org.postilion.queue.MailQueues;
import org.postilion.queue.OutboundQueue;
import org.postilion.queue.QueuedMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Consumes {@code mail.inbound} and hands each message to {@link DeliveryGroups}, which stores it, with the
 * messages of the other sessions waiting at the same time, through {@link LocalDelivery}.
 *
 * <p>No JTA transaction spans the queue and the database: the store commits in its own transaction, and the
 * message is acknowledged only after that returned. A crash in between redelivers the
 * message, and the delivery finds its queue id stored and stops: at-least-once from the queue, exactly once in
 * the mailbox. (With XA, a crash between the broker's prepare and the database's commit leaves the message in
 * doubt until the transaction manager's recovery rolls it back, minutes later.) A failure is rethrown, so the
 * broker redelivers with back-off and finally moves the message to {@code mail.dlq}.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = MailQueues.INBOUND),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        // sessions waiting together are stored together (DeliveryGroups): more sessions, larger groups
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "${postilion.delivery.sessions:8}")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InboundMailConsumer implements MessageListener {

    private static final Logger LOG = Logger.getLogger(InboundMailConsumer.class.getName());

    @Inject
    private DeliveryGroups delivery;

    @Inject
    private OutboundQueue outbound;

    @Inject
    private MailMetrics metrics;

    @Override
    public void onMessage(Message message) {
        try {
            QueuedMessage queued = QueuedMessage.readFrom(message);
            DeliveryReport report = delivery.deliver(queued);
            if (!report.redelivery()) {
                metrics.deliveredLocally(Duration.between(queued.receivedAt(), Instant.now()));
            }
            if (report.outbound() != null) {
                // after the local store committed, before the acknowledgement: a crash in between repeats both,
                // and both are idempotent (the stored queue id, Artemis's duplicate detection)
                outbound.enqueue(report.outbound());
            }
            log(report);
        } catch (JMSException e) {
            // unreadable now: let the broker redeliver, and finally dead-letter it
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    /** One line per recipient, written once the store committed. */
    private static void log(DeliveryReport report) {
        if (report.redelivery()) {
            LOG.info(() -> report.queueId() + ": already delivered here, redelivery stored nothing again");
        }
        for (DeliveryReport.Outcome o : report.outcomes()) {
            Level level = o.status().contains("bounced") ? Level.WARNING : Level.INFO;
            LOG.log(level, () -> report.queueId() + ": to=<" + o.recipient() + ">, " + o.status());
        }
    }
}
