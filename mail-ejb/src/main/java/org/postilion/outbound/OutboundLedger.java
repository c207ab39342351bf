package org.postilion.outbound;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.postilion.directory.DirectoryException;
import org.postilion.queue.QueuedMessage;

import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What has become of each outbound message and recipient, kept in the database, each change in a transaction of
 * its own, committed before the next step: a recipient recorded DELIVERED is never sent again when the queue
 * message is redelivered after a crash, and a BOUNCED one gets its bounce once ({@code dsn_sent}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class OutboundLedger {

    @PersistenceContext(unitName = "postilion")
    private EntityManager em;

    /**
     * The message's record for this attempt, made at its first one: every recipient PENDING, and the trace's
     * first event.
     *
     * @return the recipients still open (PENDING or DEFERRED), and whether the message had been recorded already
     */
    public Opened open(QueuedMessage queued, int attempt) {
        Instant now = Instant.now();
        OutboundMessage m = locked(queued.queueId());
        if (m == null) {
            m = new OutboundMessage(queued.queueId(), queued.sender(), queued.content().length, queued.receivedAt(),
                    now);
            for (QueuedMessage.Recipient r : queued.recipients()) {
                m.add(new OutboundRecipient(m, r.address(), r.dsnNotify(), r.orcpt(), now));
                em.persist(new DeliveryEvent(m.queueId(), now, "queued", r.address(), null, null, null,
                        "from=<" + queued.sender() + ">, size=" + queued.content().length + ", for remote delivery"));
            }
            em.persist(m);
        }
        if (m.state() != OutboundMessage.State.HELD) {
            m.attempted(attempt, now);
        }
        List<Open> open = m.recipients().stream().filter(r -> !r.status().isFinal())
                .map(r -> new Open(r.address(), r.dsnNotify(), r.orcpt())).toList();
        List<RecipientOutcome> bouncedWithoutDsn = m.recipients().stream()
                .filter(r -> r.status() == OutboundRecipient.Status.BOUNCED && !r.dsnSent())
                .map(r -> new RecipientOutcome(r.address(), r.status(), r.dsnStatus(), r.lastReply(), r.remoteHost(),
                        r.remoteIp(), null)).toList();
        return new Opened(m.state() == OutboundMessage.State.HELD ? List.of() : open, bouncedWithoutDsn,
                m.delayWarned(), m.state() == OutboundMessage.State.HELD);
    }

    /**
     * The recipients of an attempt: those still open (none while the message is held), and bounced ones whose
     * bounce was not queued yet (after a crash, or bounced by an administrator).
     */
    public record Opened(List<Open> open, List<RecipientOutcome> bouncedWithoutDsn, boolean delayWarned,
                         boolean held) {
    }

    /** A recipient to try, with its DSN request. */
    public record Open(String address, String dsnNotify, String orcpt) {
    }

    /** One attempt's outcomes, recorded as they come (a transaction each), with their trace events. */
    public void record(String queueId, List<RecipientOutcome> outcomes) {
        Instant now = Instant.now();
        OutboundMessage m = locked(queueId);
        for (RecipientOutcome o : outcomes) {
            // an attempt that was under way when an administrator removed the recipient does not bring it back
            // (only a delivery, which did happen, is still recorded)
            m.recipients().stream().filter(r -> r.address().equalsIgnoreCase(o.address())).findFirst()
                    .filter(r -> !r.status().isFinal() || o.status() == OutboundRecipient.Status.DELIVERED)
                    .ifPresent(r -> r.record(o, now));
            em.persist(new DeliveryEvent(queueId, now, o.status().name().toLowerCase(java.util.Locale.ROOT),
                    o.address(), o.remoteHost(), o.remoteIp(), o.tls(), o.dsnStatus() + " " + o.reply()));
        }
    }

    /** The attempt is over: when the next one is due (null if none), or DONE. */
    public void settle(String queueId, Instant nextAttempt) {
        OutboundMessage m = locked(queueId);
        m.settle(nextAttempt, Instant.now());
    }

    /** A bounce (or a delay warning) for these recipients was queued. */
    public void dsnQueued(String queueId, List<String> recipients, String kind, String dsnQueueId) {
        Instant now = Instant.now();
        OutboundMessage m = locked(queueId);
        for (String address : recipients) {
            if ("failure".equals(kind)) {
                m.recipients().stream().filter(r -> r.address().equalsIgnoreCase(address)).findFirst()
                        .ifPresent(r -> r.bounceSent(now));
            }
            em.persist(new DeliveryEvent(queueId, now, "dsn-" + kind, address, null, null, null,
                    "notice " + dsnQueueId + " to <" + m.sender() + ">"));
        }
        if ("delay".equals(kind)) {
            m.warnedOfDelay();
        }
    }

    /**
     * An administrator's action on a message: {@code hold} (no attempts until released), {@code release}, {@code
     * delete} (its open recipients end without a notice) or {@code bounce} (they bounce: a notice goes to the
     * sender at the message's next wake-up, which the caller brings forward).
     *
     * @return the message after the action, or empty if there is none
     * @throws DirectoryException (a conflict) when the action does not apply: a held message held again, a done one
     *                            held; nothing changed then
     */
    public Optional<QueueEntry> control(String queueId, String action, String admin) throws DirectoryException {
        Instant now = Instant.now();
        OutboundMessage m = locked(queueId);
        if (m == null) {
            return Optional.empty();
        }
        boolean done = m.state() == OutboundMessage.State.DONE;
        switch (action) {
            case "hold" -> {
                require(!done && m.state() != OutboundMessage.State.HELD, "only a waiting message can be held");
                m.hold(now);
            }
            case "release" -> {
                require(m.state() == OutboundMessage.State.HELD, "only a held message can be released");
                m.release(now);
            }
            case "retry" -> require(!done && m.state() != OutboundMessage.State.HELD,
                    "only a waiting message can be retried (release a held one)");
            case "delete", "bounce" -> {
                require(!done, "the message is done already");
                for (OutboundRecipient r : m.recipients()) {
                    if (!r.status().isFinal()) {
                        r.endedByAdministrator(action.equals("bounce"), admin, now);
                    }
                }
                if (action.equals("delete")) {
                    m.settle(null, now);
                } else {
                    m.release(now);
                }
            }
            default -> throw new IllegalArgumentException("no action " + action);
        }
        em.persist(new DeliveryEvent(queueId, now, action, null, null, null, null, "by " + admin));
        return Optional.of(QueueEntry.of(m));
    }

    private static void require(boolean condition, String message) throws DirectoryException {
        if (!condition) {
            throw DirectoryException.conflict(message);
        }
    }

    /**
     * The message, its row locked until this transaction ends: an attempt recording its outcomes and an
     * administrator removing recipients take turns, so neither writes back what the other changed in between.
     */
    private OutboundMessage locked(String queueId) {
        return em.find(OutboundMessage.class, queueId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** One message as the queue shows it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Optional<QueueEntry> find(String queueId) {
        OutboundMessage m = em.find(OutboundMessage.class, queueId);
        return Optional.ofNullable(m).map(QueueEntry::of);
    }

    /** A message's trace, oldest event first. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public List<DeliveryEvent> trace(String queueId) {
        return em.createQuery("select e from DeliveryEvent e where e.queueId = :q order by e.at, e.id",
                DeliveryEvent.class).setParameter("q", queueId).getResultList();
    }

    /** The messages matching the query, newest first: a window of them, and how many match in all. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Page list(QueueQuery q, int offset, int limit) {
        Map<String, Object> params = new HashMap<>();
        String where = where(q, params);
        if (where == null) {
            return new Page(List.of(), 0);
        }
        TypedQuery<Long> count = em.createQuery("select count(m) from OutboundMessage m" + where, Long.class);
        TypedQuery<OutboundMessage> rows = em.createQuery("select m from OutboundMessage m" + where
                + " order by m.receivedAt desc, m.queueId", OutboundMessage.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            rows.setParameter(k, v);
        });
        List<QueueEntry> window = rows.setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                .map(QueueEntry::of).toList();
        return new Page(window, count.getSingleResult());
    }

    /** The query's where clause, its parameters put in {@code params}; null when the caller may see nothing. */
    private static String where(QueueQuery q, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (q.state() != null) {
            where.append(" and m.state = :state");
            params.put("state", q.state());
        }
        if (q.sender() != null && !q.sender().isBlank()) {
            where.append(" and lower(m.sender) like :sender");
            params.put("sender", "%" + q.sender().toLowerCase(Locale.ROOT) + "%");
        }
        if (q.recipient() != null && !q.recipient().isBlank()) {
            where.append(" and exists (select 1 from OutboundRecipient r where r.message = m and lower(r.address) like :rcpt)");
            params.put("rcpt", "%" + q.recipient().toLowerCase(Locale.ROOT) + "%");
        }
        if (q.domain() != null && !q.domain().isBlank()) {
            where.append(" and (m.senderDomain = :domain or exists (select 1 from OutboundRecipient r"
                    + " where r.message = m and r.domain = :domain))");
            params.put("domain", q.domain().toLowerCase(Locale.ROOT));
        }
        if (q.visibleDomains() != null) {
            if (q.visibleDomains().isEmpty()) {
                return null;
            }
            where.append(" and (m.senderDomain in :visible or exists (select 1 from OutboundRecipient r"
                    + " where r.message = m and r.domain in :visible))");
            params.put("visible", q.visibleDomains());
        }
        return where.toString();
    }

    /** A window of the queue and the number of messages matching in all. */
    public record Page(List<QueueEntry> entries, long total) {
    }

    /** How many messages are in each state (every state named, 0 when none). */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Map<String, Long> counts(Set<String> visibleDomains) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (OutboundMessage.State s : OutboundMessage.State.values()) {
            counts.put(s.name(), 0L);
        }
        Map<String, Object> params = new HashMap<>();
        String where = where(new QueueQuery(null, null, null, null, visibleDomains), params);
        if (where == null) {
            return counts;
        }
        TypedQuery<Object[]> byState = em.createQuery("select m.state, count(m) from OutboundMessage m" + where
                + " group by m.state", Object[].class);
        params.forEach(byState::setParameter);
        for (Object[] row : byState.getResultList()) {
            counts.put(((OutboundMessage.State) row[0]).name(), (Long) row[1]);
        }
        return counts;
    }
}
