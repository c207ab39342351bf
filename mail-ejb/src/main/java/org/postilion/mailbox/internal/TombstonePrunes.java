package org.postilion.mailbox.internal;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.hibernate.Session;

import java.time.Instant;
import java.util.List;

/**
 * The transactions of {@link TombstonePruner}: each call its own ({@code REQUIRES_NEW}), so that one mailbox's
 * row lock is held for one bounded batch only, and a failure costs that batch alone.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class TombstonePrunes {

    @PersistenceContext(unitName = "postilion")
    private EntityManager em;

    /** The mailboxes that have tombstones written before {@code cutoff}, at most {@code max}. */
    public List<Long> mailboxesExpungedBefore(Instant cutoff, int max) {
        return em.unwrap(Session.class).doReturningWork(c -> Tombstones.mailboxesExpungedBefore(c, cutoff, max));
    }

    /** One batch of one mailbox ({@link Tombstones#prune}); returns the tombstones deleted. */
    public int prune(long mailboxId, Instant cutoff, int batch) {
        return em.unwrap(Session.class).doReturningWork(c -> Tombstones.prune(c, mailboxId, cutoff, batch));
    }
}
