package org.postilion.outbound;

import java.util.Set;

/**
 * A filter over the outbound queue; null fields match everything.
 *
 * @param state          ACTIVE, DEFERRED or DONE
 * @param sender         a text in the sender's address
 * @param recipient      a text in a recipient's address
 * @param domain         a domain of the sender or of a recipient
 * @param visibleDomains the domains the caller may see (its messages' sender or recipient domain), or null for all
 */
public record QueueQuery(OutboundMessage.State state, String sender, String recipient, String domain,
                         Set<String> visibleDomains) {
}
