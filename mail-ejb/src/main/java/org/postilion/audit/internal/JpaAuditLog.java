package org.postilion.audit.internal;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.postilion.audit.AuditEntry;
import org.postilion.audit.AuditLog;
import org.postilion.audit.AuditQuery;
import org.postilion.audit.AuditRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The audit log on JPA. Entries join the caller's transaction: they commit or roll back with the change. */
@Stateless
public class JpaAuditLog implements AuditLog {

    @PersistenceContext(unitName = "postilion")
    private EntityManager em;

    @Override
    public void record(AuditRecord record) {
        em.persist(new AuditEntry(record, Instant.now()));
    }

    @Override
    public Page list(AuditQuery q) {
        if (q.domains() != null && q.domains().isEmpty()) {
            return new Page(List.of(), 0);
        }
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<AuditEntry> select = cb.createQuery(AuditEntry.class);
        Root<AuditEntry> e = select.from(AuditEntry.class);
        select.where(filters(cb, e, q)).orderBy(cb.desc(e.get("at")), cb.desc(e.get("id")));
        TypedQuery<AuditEntry> page = em.createQuery(select).setFirstResult(q.offset()).setMaxResults(q.limit());

        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<AuditEntry> c = count.from(AuditEntry.class);
        count.select(cb.count(c)).where(filters(cb, c, q));
        return new Page(page.getResultList(), em.createQuery(count).getSingleResult());
    }

    private static Predicate[] filters(CriteriaBuilder cb, Root<AuditEntry> e, AuditQuery q) {
        List<Predicate> where = new ArrayList<>();
        if (q.actor() != null) {
            where.add(cb.equal(e.get("actor"), q.actor()));
        }
        if (q.action() != null) {
            where.add(q.action().endsWith(".") ? cb.like(e.get("action"), escape(q.action()) + "%", '\\')
                    : cb.equal(e.get("action"), q.action()));
        }
        if (q.target() != null) {
            where.add(cb.like(cb.lower(e.get("target")), "%" + escape(q.target().toLowerCase(Locale.ROOT)) + "%", '\\'));
        }
        if (q.since() != null) {
            where.add(cb.greaterThanOrEqualTo(e.get("at"), q.since()));
        }
        if (q.until() != null) {
            where.add(cb.lessThan(e.get("at"), q.until()));
        }
        if (q.domains() != null) {
            where.add(e.get("domain").in(q.domains()));
        }
        return where.toArray(Predicate[]::new);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
