package org.postilion.directory;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.NaturalId;
import org.hibernate.annotations.NaturalIdCache;

import java.time.Instant;

/** A domain hosted here. */
@Entity
@Cacheable
@NaturalIdCache
@Table(name = "mail_domain")
@NamedQuery(name = Domain.ALL, query = "select d from Domain d order by d.name")
public class Domain {

    public static final String ALL = "Domain.all";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "mail_domain_seq")
    @SequenceGenerator(name = "mail_domain_seq", sequenceName = "mail_domain_seq", allocationSize = 50)
    private Long id;

    @NaturalId
    @Column(nullable = false, length = 253, unique = true)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Domain() {
    }

    public Domain(String name) {
        this.name = name;
        this.createdAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
