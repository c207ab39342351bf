package org.postilion.mailbox.internal;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.postilion.connector.spi.imap.MailboxSignals;

import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Collects the mailboxes a transaction changes and, once it committed, tells this node's IMAP sessions at once
 * ({@link MailboxSignals}, before the committing call returns: a client that got its OK and then asks in another
 * session finds the change signalled there) and publishes them on {@code mail.changes} in one notice for the
 * other nodes. Nothing is signalled for a transaction that rolled back, and a signal never arrives before the
 * change is visible: a session that wakes up on it finds what changed.
 */
@ApplicationScoped
public class MailboxChangeNotifier {

    private static final Logger LOG = Logger.getLogger(MailboxChangeNotifier.class.getName());
    private static final Object KEY = MailboxChangeNotifier.class;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Inject
    private MailboxChangeTopic topic;

    /** Records that the current transaction changed a mailbox. */
    public void changed(long mailboxId) {
        @SuppressWarnings("unchecked")
        Set<Long> ids = (Set<Long>) transactions.getResource(KEY);
        if (ids == null) {
            Set<Long> fresh = new TreeSet<>();
            transactions.putResource(KEY, fresh);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // nothing to do before the commit
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        publish(fresh);
                    }
                }
            });
            ids = fresh;
        }
        ids.add(mailboxId);
    }

    private void publish(Set<Long> ids) {
        ids.forEach(MailboxSignals::changed);
        try {
            topic.publish(ids);
        } catch (RuntimeException e) {
            // the change is committed; sessions on other nodes will see it at their next poll
            LOG.log(Level.WARNING, "could not publish the change of mailboxes " + ids, e);
        }
    }
}
