package org.postilion.connector.spi.imap;

import java.io.Serializable;

/**
 * A mailbox name of a user, for LIST and LSUB.
 *
 * @param specialUse the SPECIAL-USE attribute ({@code \Sent}, ...) or null
 * @param exists     false for a subscription whose mailbox was deleted ({@code \NonExistent})
 */
public record MailboxEntry(String name, String specialUse, boolean subscribed, boolean exists)
        implements Serializable {
}
