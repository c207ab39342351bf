package org.postilion.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Locale;

/** One change made through the administration API, as {@link AuditLog} keeps it. Never changed once written. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    /** Longest state kept, in characters; a longer one is cut and marked. */
    public static final int MAX_STATE = 16000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_entry_seq")
    @SequenceGenerator(name = "audit_entry_seq", sequenceName = "audit_entry_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false)
    private Instant at;

    @Column(nullable = false, length = 320)
    private String actor;

    @Column(nullable = false, length = 16)
    private String via;

    @Column(name = "client_address", length = 64)
    private String clientAddress;

    @Column(nullable = false, length = 64)
    private String action;

    @Column(nullable = false, length = 320)
    private String target;

    @Column(name = "domain_name", length = 253)
    private String domain;

    @Column(name = "before_state", length = MAX_STATE)
    private String before;

    @Column(name = "after_state", length = MAX_STATE)
    private String after;

    protected AuditEntry() {
    }

    public AuditEntry(AuditRecord r, Instant at) {
        this.at = at;
        this.actor = cut(r.actor(), 320);
        this.via = r.via().name().toLowerCase(Locale.ROOT);
        this.clientAddress = cut(r.clientAddress(), 64);
        this.action = r.action();
        this.target = cut(r.target(), 320);
        this.domain = r.domain();
        this.before = cut(r.before(), MAX_STATE);
        this.after = cut(r.after(), MAX_STATE);
    }

    private static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 1) + "…";
    }

    public Long getId() {
        return id;
    }

    public Instant getAt() {
        return at;
    }

    public String getActor() {
        return actor;
    }

    public String getVia() {
        return via;
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public String getAction() {
        return action;
    }

    public String getTarget() {
        return target;
    }

    public String getDomain() {
        return domain;
    }

    public String getBefore() {
        return before;
    }

    public String getAfter() {
        return after;
    }
}
