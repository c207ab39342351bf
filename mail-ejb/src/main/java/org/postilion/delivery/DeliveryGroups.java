package org.postilion.delivery;

import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.postilion.queue.QueuedMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit for the delivery stage. Each consumer session hands its message in and waits; one of the waiting
 * sessions (the leader) stores every message handed in so far in one database transaction, then the next
 * leader takes what arrived meanwhile. A commit, a flush and the database's page writes are paid once per group
 * instead of once per message, which is what limits deliveries on an embedded database.
 *
 * <p>Nothing changes for one message: each session acknowledges its queue message only after the transaction
 * holding it committed. If a group's transaction fails, its messages are stored again one by one, each in its own
 * transaction, so that one bad message (or one redelivered and already stored) fails only itself.
 *
 * <p>LIMITS: at most {@value #MAX_MESSAGES} messages or {@value #MAX_BYTES} octets per group.
 */
@ApplicationScoped
public class DeliveryGroups {

    static final int MAX_MESSAGES = 32;
    static final long MAX_BYTES = 16L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(DeliveryGroups.class.getName());

    private final LocalDelivery delivery;

    private final Object lock = new Object();
    private final List<Pending> pending = new ArrayList<>();
    private boolean leading;

    @Inject
    public DeliveryGroups(LocalDelivery delivery) {
        this.delivery = delivery;
    }

    /** For CDI's client proxy only. */
    protected DeliveryGroups() {
        this.delivery = null;
    }

    /** One message waiting for its group. */
    private static final class Pending {
        final QueuedMessage message;
        boolean done;
        boolean interrupted;
        DeliveryReport report;
        RuntimeException failure;

        Pending(QueuedMessage message) {
            this.message = message;
        }
    }

    /**
     * Stores the message with whatever else is being delivered now; returns once it is committed.
     *
     * @throws RuntimeException when the message could not be stored: the caller lets the broker redeliver it
     */
    public DeliveryReport deliver(QueuedMessage message) {
        Pending me = new Pending(message);
        synchronized (lock) {
            pending.add(me);
        }
        while (true) {
            List<Pending> group;
            synchronized (lock) {
                while (!me.done && leading) {
                    waitForGroup(me);
                }
                if (me.done) {
                    return outcome(me);
                }
                // lead: the oldest messages first, which may leave this one for the next group (the limits)
                leading = true;
                group = takeGroup();
            }
            try {
                store(group);
            } finally {
                synchronized (lock) {
                    for (Pending p : group) {
                        p.done = true;
                    }
                    leading = false;
                    lock.notifyAll();
                }
            }
        }
    }

    /** The oldest pending messages, up to the limits (at least one). */
    private List<Pending> takeGroup() {
        List<Pending> group = new ArrayList<>();
        long bytes = 0;
        while (!pending.isEmpty() && group.size() < MAX_MESSAGES
                && (group.isEmpty() || bytes + pending.get(0).message.content().length <= MAX_BYTES)) {
            Pending p = pending.remove(0);
            bytes += p.message.content().length;
            group.add(p);
        }
        return group;
    }

    private void store(List<Pending> group) {
        if (group.size() > 1) {
            try {
                List<DeliveryReport> reports = delivery.deliverAll(group.stream().map(p -> p.message).toList());
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).report = reports.get(i);
                }
                return;
            } catch (RuntimeException groupFailed) {
                // a redelivery after a crash does this, expectedly: no stack trace unless asked for
                LOG.log(Level.INFO, "a group of {0} deliveries failed ({1}); storing them one by one",
                        new Object[] {group.size(), groupFailed.toString()});
                LOG.log(Level.FINE, "the group's failure", groupFailed);
            }
        }
        for (Pending p : group) {
            try {
                p.report = deliverOne(p.message);
            } catch (RuntimeException e) {
                p.failure = e;
            }
        }
    }

    /** One message in its own transaction; a refusal of its queue id means it had been stored before. */
    private DeliveryReport deliverOne(QueuedMessage message) {
        try {
            return delivery.deliver(message);
        } catch (EJBException failed) {
            return delivery.reportIfDelivered(message).orElseThrow(() -> failed);
        }
    }

    /** How many messages wait for a group (for tests). */
    int pendingCount() {
        synchronized (lock) {
            return pending.size();
        }
    }

    /** Waits for the running group to end; interrupted, gives the message up (unless it is being stored). */
    private void waitForGroup(Pending me) {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            if (pending.remove(me)) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a delivery group", e);
            }
            // already taken into the running group: wait for its outcome, then pass the interrupt on
            me.interrupted = true;
        }
    }

    private static DeliveryReport outcome(Pending p) {
        if (p.interrupted) {
            Thread.currentThread().interrupt();
        }
        if (p.failure != null) {
            throw p.failure;
        }
        if (p.report == null) {
            // the group's leader died of an Error: nothing is known to be stored, so the broker redelivers
            throw new IllegalStateException("delivery group ended without an outcome for " + p.message.queueId());
        }
        return p.report;
    }
}
