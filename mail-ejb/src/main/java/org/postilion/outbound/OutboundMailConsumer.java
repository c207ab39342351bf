package org.postilion.outbound;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.postilion.queue.MailQueues;
import org.postilion.queue.OutboundQueue;
import org.postilion.queue.QueuedMessage;

/**
 * Consumes {@code mail.outbound} (first attempts) and hands each message to {@link RemoteDelivery}. As on the
 * inbound side, no JTA transaction spans the queue and the database: the ledger commits each step, and the queue
 * message is acknowledged when the attempt is over. A failure (the database down) is rethrown, so the broker
 * redelivers with back-off and finally dead-letters the message.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = MailQueues.OUTBOUND),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        // the global limit on concurrent remote deliveries of first attempts
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "${postilion.outbound.sessions:20}")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboundMailConsumer implements MessageListener {

    @Inject
    private RemoteDelivery delivery;

    @Override
    public void onMessage(Message message) {
        deliver(delivery, message);
    }

    static void deliver(RemoteDelivery delivery, Message message) {
        try {
            delivery.attempt(QueuedMessage.readFrom(message), OutboundQueue.attemptOf(message));
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }
}
