package org.postilion.outbound;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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
        OutboundMessage m = em.find(OutboundMessage.class, queued.queueId());
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
        m.attempted(attempt, now);
        List<Open> open = m.recipients().stream().filter(r -> !r.status().isFinal())
                .map(r -> new Open(r.address(), r.dsnNotify(), r.orcpt())).toList();
        List<Open> bouncedWithoutDsn = m.recipients().stream()
                .filter(r -> r.status() == OutboundRecipient.Status.BOUNCED && !r.dsnSent())
                .map(r -> new Open(r.address(), r.dsnNotify(), r.orcpt())).toList();
        return new Opened(open, bouncedWithoutDsn, m.delayWarned());
    }

    /** The recipients of an attempt: those still open, and bounced ones whose bounce was not queued yet. */
    public record Opened(List<Open> open, List<Open> bouncedWithoutDsn, boolean delayWarned) {
    }

    /** A recipient to try, with its DSN request. */
    public record Open(String address, String dsnNotify, String orcpt) {
    }

    /** One attempt's outcomes, recorded as they come (a transaction each), with their trace events. */
    public void record(String queueId, List<RecipientOutcome> outcomes) {
        Instant now = Instant.now();
        OutboundMessage m = em.find(OutboundMessage.class, queueId);
        for (RecipientOutcome o : outcomes) {
            m.recipients().stream().filter(r -> r.address().equalsIgnoreCase(o.address())).findFirst()
                    .ifPresent(r -> r.record(o, now));
            em.persist(new DeliveryEvent(queueId, now, o.status().name().toLowerCase(java.util.Locale.ROOT),
                    o.address(), o.remoteHost(), o.remoteIp(), o.tls(), o.dsnStatus() + " " + o.reply()));
        }
    }

    /** The attempt is over: when the next one is due (null if none), or DONE. */
    public void settle(String queueId, Instant nextAttempt) {
        OutboundMessage m = em.find(OutboundMessage.class, queueId);
        m.settle(nextAttempt, Instant.now());
    }

    /** A bounce (or a delay warning) for these recipients was queued. */
    public void dsnQueued(String queueId, List<String> recipients, String kind, String dsnQueueId) {
        Instant now = Instant.now();
        OutboundMessage m = em.find(OutboundMessage.class, queueId);
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
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
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
            where.append(" and (lower(m.sender) like :senderDomain or exists (select 1 from OutboundRecipient r"
                    + " where r.message = m and r.domain = :domain))");
            params.put("domain", q.domain().toLowerCase(Locale.ROOT));
            params.put("senderDomain", "%@" + q.domain().toLowerCase(Locale.ROOT));
        }
        if (q.visibleDomains() != null) {
            if (q.visibleDomains().isEmpty()) {
                return new Page(List.of(), 0);
            }
            where.append(" and (m.senderDomain in :visible or exists (select 1 from OutboundRecipient r"
                    + " where r.message = m and r.domain in :visible))");
            params.put("visible", q.visibleDomains());
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

    /** A window of the queue and the number of messages matching in all. */
    public record Page(List<QueueEntry> entries, long total) {
    }

    /** How many messages are in each state (every state named, 0 when none). */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Map<String, Long> counts(Set<String> visibleDomains) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (OutboundMessage.State s : OutboundMessage.State.values()) {
            counts.put(s.name(), list(new QueueQuery(s, null, null, null, visibleDomains), 0, 1).total());
        }
        return counts;
    }
}
