package org.postilion.queue;

import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.logging.Logger;

/**
 * Makes sure a dead-lettered message is never a silent one: once a minute it counts {@code mail.dlq} (browsing,
 * so the messages stay for the administrator) and logs an error whenever the count grew, naming the newest
 * queue ids.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeadLetterWatch {

    private static final Logger LOG = Logger.getLogger(DeadLetterWatch.class.getName());
    private static final int NAMED = 10;

    @Inject
    private JMSContext jms;

    @Resource(lookup = MailQueues.DEAD_LETTER)
    private Queue deadLetters;

    private int lastCount;

    @Schedule(hour = "*", minute = "*", second = "30", persistent = false)
    void check() throws JMSException {
        int count = 0;
        List<String> newest = new ArrayList<>();
        try (QueueBrowser browser = jms.createBrowser(deadLetters)) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                Message m = (Message) messages.nextElement();
                count++;
                newest.add(String.valueOf(m.getStringProperty(QueuedMessage.QUEUE_ID)));
                if (newest.size() > NAMED) {
                    newest.remove(0);
                }
            }
        }
        if (count > lastCount) {
            int n = count;
            LOG.severe(() -> "mail.dlq holds " + n + " message(s) that failed every delivery attempt; newest queue ids: "
                    + newest);
        }
        lastCount = count;
    }
}
