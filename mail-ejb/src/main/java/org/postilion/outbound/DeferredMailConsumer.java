package org.postilion.outbound;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.postilion.queue.MailQueues;

/**
 * Consumes {@code mail.outbound.deferred}: the retries, each delivered by the broker when its back-off ends. Kept
 * apart from first attempts, with sessions of its own, so that a backlog of retries to a dead destination never
 * slows fresh mail (Postfix's active and deferred queues).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = MailQueues.OUTBOUND_DEFERRED),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "${postilion.outbound.retry-sessions:10}")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeferredMailConsumer implements MessageListener {

    @Inject
    private RemoteDelivery delivery;

    @Override
    public void onMessage(Message message) {
        OutboundMailConsumer.deliver(delivery, message);
    }
}
