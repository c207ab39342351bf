package org.postilion.mailbox;

import java.time.Instant;
import java.util.List;

/**
 * One line of a mailbox listing.
 *
 * @param uid          the message's UID in its mailbox
 * @param from         the From header, decoded, or null
 * @param subject      the Subject header, decoded, or null
 * @param size         RFC822.SIZE in octets
 * @param internalDate when it arrived
 * @param sentDate     the Date header, or null
 * @param flags        system flag names such as {@code \Seen}
 */
public record MessageListing(long uid, String from, String subject, long size, Instant internalDate,
                             Instant sentDate, List<String> flags) {
}
