package org.postilion.outbound;

import java.time.Instant;
import java.util.List;

/**
 * A message of the outbound queue as the admin API shows it.
 *
 * @param queueId       its queue id
 * @param sender        the envelope sender ("" for the null sender)
 * @param sizeBytes     its size
 * @param receivedAt    when it was accepted
 * @param attempts      delivery attempts so far
 * @param state         ACTIVE, DEFERRED or DONE
 * @param nextAttemptAt when the next attempt is due, or null
 * @param recipients    each remote recipient's state
 */
public record QueueEntry(String queueId, String sender, long sizeBytes, Instant receivedAt, int attempts,
                         String state, Instant nextAttemptAt, List<Recipient> recipients) {

    /** One recipient: its status, the remote host last tried and what it said. */
    public record Recipient(String address, String status, String dsnStatus, String lastReply, String remoteHost,
                            String remoteIp, int attempts) {
    }

    static QueueEntry of(OutboundMessage m) {
        return new QueueEntry(m.queueId(), m.sender(), m.sizeBytes(), m.receivedAt(), m.attempts(), m.state().name(),
                m.nextAttemptAt(), m.recipients().stream().map(r -> new Recipient(r.address(), r.status().name(),
                r.dsnStatus(), r.lastReply(), r.remoteHost(), r.remoteIp(), r.attempts())).toList());
    }
}
