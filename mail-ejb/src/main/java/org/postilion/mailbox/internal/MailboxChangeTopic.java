package org.postilion.mailbox.internal;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import org.postilion.queue.MailQueues;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Sends change notices on {@code mail.changes}: a text message of mailbox ids separated by commas,
 * non-persistent and outside any transaction (it is sent after the change committed).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailboxChangeTopic {

    @Inject
    private JMSContext jms;

    @Resource(lookup = MailQueues.MAILBOX_CHANGES)
    private Topic changes;

    public void publish(Collection<Long> mailboxIds) {
        String body = mailboxIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).send(changes, body);
    }
}
