package org.postilion.queue;

/**
 * The JNDI names of the mail queues, created by {@code config/configure-messaging.cli}. All start with
 * {@code mail.}, so that one address-setting ({@code jms.queue.mail.#}) gives them their retry policy.
 */
public final class MailQueues {

    /** Accepted messages waiting for the delivery agent. */
    public static final String INBOUND = "java:/jms/queue/mail.inbound";
    /** Messages for remote recipients, first attempt. */
    public static final String OUTBOUND = "java:/jms/queue/mail.outbound";
    /** Messages for remote recipients whose delivery failed temporarily. */
    public static final String OUTBOUND_DEFERRED = "java:/jms/queue/mail.outbound.deferred";
    /** Messages that failed every redelivery, kept for the administrator. */
    public static final String DEAD_LETTER = "java:/jms/queue/mail.dlq";

    /**
     * A topic, not a queue: one notice per committed change of mailboxes (their ids), for every node's IMAP
     * sessions. Non-persistent: a lost notice only delays a session until its next poll.
     */
    public static final String MAILBOX_CHANGES = "java:/jms/topic/mail.changes";

    private MailQueues() {
    }
}
