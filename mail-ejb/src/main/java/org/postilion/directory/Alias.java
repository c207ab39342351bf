package org.postilion.directory;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.QueryHint;
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

import java.time.Instant;

/**
 * One target of an alias: mail to {@code localPart@domain} goes (also) to {@code target}. An alias with several
 * targets has one row each. The local part {@value #CATCH_ALL} is the domain's catch-all.
 */
@Entity
@Cacheable
@Table(name = "mail_alias")
@NamedQuery(name = Alias.TARGETS, query = "select a.target from Alias a where a.domain.name = :domain "
        + "and a.localPart = :localPart order by a.target",
        hints = @QueryHint(name = "org.hibernate.cacheable", value = "true"))
@NamedQuery(name = Alias.OF_ADDRESS, query = "select a from Alias a join fetch a.domain where a.domain.name = :domain "
        + "and a.localPart = :localPart order by a.target")
@NamedQuery(name = Alias.OF_DOMAIN, query = "select a from Alias a join fetch a.domain where a.domain.name = :domain "
        + "order by a.localPart, a.target")
@NamedQuery(name = Alias.ALL, query = "select a from Alias a join fetch a.domain order by a.domain.name, a.localPart, a.target")
@NamedQuery(name = Alias.OWNED_BY, query = "select count(a) from Alias a where a.domain.name = :domain "
        + "and a.localPart = :localPart and a.localPart <> '' and a.target = :target",
        hints = @QueryHint(name = "org.hibernate.cacheable", value = "true"))
@NamedQuery(name = Alias.DELETE_OF_ADDRESS, query = "delete from Alias a where a.domain = :domain and a.localPart = :localPart")
@NamedQuery(name = Alias.COUNT_BY_DOMAIN, query = "select count(a) from Alias a where a.domain = :domain")
@NamedQuery(name = Alias.COUNT_ADDRESSES_PER_DOMAIN,
        query = "select a.domain.name, count(distinct a.localPart) from Alias a group by a.domain.name")
public class Alias {

    public static final String CATCH_ALL = "";
    public static final String TARGETS = "Alias.targets";
    public static final String OF_ADDRESS = "Alias.ofAddress";
    public static final String OF_DOMAIN = "Alias.ofDomain";
    public static final String ALL = "Alias.all";
    public static final String OWNED_BY = "Alias.ownedBy";
    public static final String DELETE_OF_ADDRESS = "Alias.deleteOfAddress";
    public static final String COUNT_BY_DOMAIN = "Alias.countByDomain";
    public static final String COUNT_ADDRESSES_PER_DOMAIN = "Alias.countAddressesPerDomain";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mail_alias_seq")
    @SequenceGenerator(name = "mail_alias_seq", sequenceName = "mail_alias_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "domain_id", nullable = false)
    private Domain domain;

    @Column(name = "local_part", nullable = false, length = 64)
    private String localPart;

    @Column(nullable = false, length = 320)
    private String target;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Alias() {
    }

    public Alias(Domain domain, String localPart, String target) {
        this.domain = domain;
        this.localPart = localPart;
        this.target = target;
        this.createdAt = Instant.now();
    }

    public Domain getDomain() {
        return domain;
    }

    public String getLocalPart() {
        return localPart;
    }

    /** {@code local@domain}, or {@code @domain} for the catch-all. */
    public String getAddress() {
        return localPart + "@" + domain.getName();
    }

    public String getTarget() {
        return target;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
