package org.postilion.connector.spi.imap;

import java.io.Serializable;

/**
 * A user's quota root (RFC 9208): usage and limits; a limit of -1 is none.
 *
 * @param storageUsed  octets used by all the user's messages, each copy counted
 * @param storageLimit octets allowed
 */
public record Quota(long storageUsed, long storageLimit, long messagesUsed, long messageLimit)
        implements Serializable {
}
