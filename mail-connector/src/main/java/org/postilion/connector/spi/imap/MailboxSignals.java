package org.postilion.connector.spi.imap;

import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * Where the EJB tier tells the connector that a mailbox changed, so that sessions in IDLE (and between
 * commands) look at it at once instead of at their next poll.
 *
 * <p>The store publishes each committed change on the JMS topic {@code mail.changes}; a message-driven bean on
 * every node consumes the topic and calls {@link #changed}, so a change made on one node wakes the sessions on
 * all of them. This class is the one place where the EJB tier calls into the connector rather than the other
 * way round: a static hook, because the resource adapter offers no outbound connection for it, and the RAR's
 * classes are loaded once for the whole application.
 */
public final class MailboxSignals {

    private static final LongConsumer NOBODY = mailboxId -> { };
    private static volatile LongConsumer sink = NOBODY;

    private MailboxSignals() {
    }

    /** The connector's receiver; replaced at each start of the resource adapter. */
    public static void connect(LongConsumer receiver) {
        sink = Objects.requireNonNull(receiver);
    }

    public static void disconnect() {
        sink = NOBODY;
    }

    /** A mailbox changed: called after the change committed. Never blocks. */
    public static void changed(long mailboxId) {
        sink.accept(mailboxId);
    }
}
