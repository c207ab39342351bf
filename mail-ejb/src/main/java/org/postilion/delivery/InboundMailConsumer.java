package org.postilion.delivery;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.postilion.queue.MailQueues;
import org.postilion.queue.QueuedMessage;

/** Consumes {@code mail.inbound} and hands each message to {@link LocalDelivery}, in one transaction. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = MailQueues.INBOUND),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "16")
})
public class InboundMailConsumer implements MessageListener {

    @Inject
    private LocalDelivery delivery;

    @Override
    public void onMessage(Message message) {
        try {
            delivery.deliver(QueuedMessage.readFrom(message));
        } catch (JMSException e) {
            // unreadable now: let the broker redeliver, and finally dead-letter it
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }
}
