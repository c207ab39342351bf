package org.postilion.directory;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.NaturalId;
import org.hibernate.annotations.NaturalIdCache;

import java.time.Instant;

/** A user: an address of a hosted domain with a password and mailboxes. */
@Entity
@Cacheable
@NaturalIdCache
@Table(name = "account")
@NamedQuery(name = Account.BY_DOMAIN,
        query = "select a from Account a join fetch a.domain where a.domain.name = :domain order by a.localPart")
@NamedQuery(name = Account.COUNT_BY_DOMAIN, query = "select count(a) from Account a where a.domain = :domain")
@NamedQuery(name = Account.COUNT_PER_DOMAIN, query = "select a.domain.name, count(a) from Account a group by a.domain.name")
public class Account {

    public static final String BY_DOMAIN = "Account.byDomain";
    public static final String COUNT_BY_DOMAIN = "Account.countByDomain";
    public static final String COUNT_PER_DOMAIN = "Account.countPerDomain";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "account_seq")
    @SequenceGenerator(name = "account_seq", sequenceName = "account_seq", allocationSize = 50)
    private Long id;

    @NaturalId
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "domain_id", nullable = false)
    private Domain domain;

    @NaturalId
    @Column(name = "local_part", nullable = false, length = 64)
    private String localPart;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The storage quota in octets; null for the domain's default (or else the server's). */
    @Column(name = "quota_bytes")
    private Long quotaBytes;

    @Column(name = "display_name", length = 200)
    private String displayName;

    /** A disabled user cannot log in and receives nothing (550 5.2.1). */
    @Column(nullable = false)
    private boolean enabled = true;

    /** Where everything the user receives is forwarded, or null. */
    @Column(name = "forward_to", length = 320)
    private String forwardTo;

    /** Whether a forwarded message is also kept here. */
    @Column(name = "forward_keep_copy", nullable = false)
    private boolean forwardKeepCopy = true;

    protected Account() {
    }

    public Account(Domain domain, String localPart, String passwordHash) {
        this.domain = domain;
        this.localPart = localPart;
        this.passwordHash = passwordHash;
        this.createdAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public Domain getDomain() {
        return domain;
    }

    public String getLocalPart() {
        return localPart;
    }

    /** {@code local-part@domain}. */
    public String getAddress() {
        return localPart + "@" + domain.getName();
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Long getQuotaBytes() {
        return quotaBytes;
    }

    public void setQuotaBytes(Long quotaBytes) {
        this.quotaBytes = quotaBytes;
    }

    /**
     * The storage quota that applies: the user's own, else the domain's default, else the server's.
     *
     * @param serverDefault the server's default ({@code postilion.quota.default-bytes}), -1 for none
     * @return octets, or -1 for no limit
     */
    public long quotaLimit(long serverDefault) {
        if (quotaBytes != null) {
            return quotaBytes;
        }
        return domain.getDefaultQuotaBytes() != null ? domain.getDefaultQuotaBytes() : serverDefault;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether the user may log in and receive: the user and its domain are both enabled. */
    public boolean isActive() {
        return enabled && domain.isEnabled();
    }

    public String getForwardTo() {
        return forwardTo;
    }

    public boolean isForwardKeepCopy() {
        return forwardKeepCopy;
    }

    public void setForwarding(String forwardTo, boolean keepCopy) {
        this.forwardTo = forwardTo;
        this.forwardKeepCopy = keepCopy;
    }
}
