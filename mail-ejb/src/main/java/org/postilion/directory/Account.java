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
public class Account {

    public static final String BY_DOMAIN = "Account.byDomain";
    public static final String COUNT_BY_DOMAIN = "Account.countByDomain";

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

    /** The storage quota in octets; null for the server's default. */
    @Column(name = "quota_bytes")
    private Long quotaBytes;

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
}
