package org.postilion.delivery;

import java.util.List;

/**
 * What became of each recipient of one queued message, for the log line Postfix would write per recipient.
 *
 * @param queueId  the message's queue id
 * @param outcomes one per recipient, in envelope order
 * @param redelivery whether the message had already been delivered (a redelivered queue message)
 */
public record DeliveryReport(String queueId, List<Outcome> outcomes, boolean redelivery) {

    /** One recipient's outcome, worded as its log line. */
    public record Outcome(String recipient, String status) {
    }

    public static DeliveryReport alreadyDelivered(String queueId) {
        return new DeliveryReport(queueId, List.of(), true);
    }
}
