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
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Sends change notices on {@code mail.changes}: a text message of mailbox ids separated by commas,
 * non-persistent and outside any transaction (it is sent after the change committed), with the sending node's
 * {@link #ORIGIN} so that the node itself, which signalled its own sessions already, skips it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailboxChangeTopic {

    /** The message property that names the node that sent a notice. */
    public static final String ORIGIN = "origin";
    /** This node (this JVM's run of the application), as {@link #ORIGIN} names it. */
    public static final String THIS_NODE = UUID.randomUUID().toString();

    @Inject
    private JMSContext jms;

    @Resource(lookup = MailQueues.MAILBOX_CHANGES)
    private Topic changes;

    public void publish(Collection<Long> mailboxIds) {
        String body = mailboxIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).setProperty(ORIGIN, THIS_NODE)
                .send(changes, body);
    }
}
