package org.postilion.mailbox.internal;

import jakarta.ejb.EJBException;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Prunes expunge tombstones older than the retention, once an hour on every node (runs on two nodes at once
 * meet at the mailbox row's lock, and the second finds nothing left). Per mailbox: raises its vanished floor to
 * the highest MODSEQ of its old tombstones, then deletes the tombstones at or below it, {@value #BATCH} per
 * transaction ({@link Tombstones#prune}). A QRESYNC client that last synchronised before the floor is then told
 * every UID below UIDNEXT that no longer exists ({@code VANISHED (EARLIER)}, a superset RFC 7162 allows), which
 * costs it nothing it would not have paid for a full resync after as long an absence.
 *
 * <p>LIMITS: {@code postilion.imap.tombstone-days} (30; negative: never prune), at most {@value #MAX_MAILBOXES}
 * mailboxes a run (the rest wait for the next hour), {@value #BATCH} tombstones a transaction. One INFO line a run
 * that pruned anything; a mailbox whose batch failed is logged and retried at the next run.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TombstonePruner {

    static final String RETENTION_DAYS = "postilion.imap.tombstone-days";
    static final int BATCH = 1000;
    static final int MAX_MAILBOXES = 10_000;
    private static final Logger LOG = Logger.getLogger(TombstonePruner.class.getName());

    @Inject
    private TombstonePrunes prunes;

    @Schedule(hour = "*", minute = "23", persistent = false)
    void hourly() {
        long days = Long.getLong(RETENTION_DAYS, 30);
        if (days >= 0) {
            pruneExpungedBefore(Instant.now().minus(Duration.ofDays(days)));
        }
    }

    /**
     * Prunes the tombstones written before {@code cutoff} (the hourly run passes now minus the retention; the
     * integration tests call it with now).
     *
     * @return the tombstones deleted
     */
    public long pruneExpungedBefore(Instant cutoff) {
        List<Long> mailboxes = prunes.mailboxesExpungedBefore(cutoff, MAX_MAILBOXES);
        long deleted = 0;
        int pruned = 0;
        int failed = 0;
        for (long mailboxId : mailboxes) {
            try {
                long n = 0;
                int batch;
                do {
                    batch = prunes.prune(mailboxId, cutoff, BATCH);
                    n += batch;
                } while (batch == BATCH);
                deleted += n;
                pruned += n > 0 ? 1 : 0;
            } catch (EJBException e) {
                // a lock timeout or a lost connection: the next run tries this mailbox again
                failed++;
                LOG.log(Level.WARNING, "Pruning the tombstones of mailbox " + mailboxId + " failed", e);
            }
        }
        if (deleted > 0 || failed > 0) {
            long d = deleted;
            int p = pruned;
            int f = failed;
            LOG.info(() -> "Pruned " + d + " expunge tombstone(s) written before " + cutoff + " in " + p
                    + " mailbox(es)" + (f > 0 ? "; " + f + " mailbox(es) failed, retried next run" : ""));
        }
        return deleted;
    }
}
