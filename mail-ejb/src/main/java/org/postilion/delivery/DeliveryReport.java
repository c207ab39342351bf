package org.postilion.delivery;

import org.postilion.queue.QueuedMessage;

import java.util.List;

/**
 * What became of each recipient of one queued message, for the log line Postfix would write per recipient.
 *
 * @param queueId    the message's queue id
 * @param outcomes   one per recipient, in envelope order
 * @param redelivery whether the local part had already been stored (a redelivered queue message)
 * @param outbound   the message for the recipients elsewhere, to put on {@code mail.outbound}, or null
 */
public record DeliveryReport(String queueId, List<Outcome> outcomes, boolean redelivery, QueuedMessage outbound) {

    /** One recipient's outcome, worded as its log line. */
    public record Outcome(String recipient, String status) {
    }
}
