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

/**
 * A domain hosted here. {@code name} is the ASCII form (the A-label of an internationalized name) that every
 * lookup uses; {@code unicodeName} is the same name for display, when it has non-ASCII characters.
 */
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

    @Column(name = "unicode_name", length = 253)
    private String unicodeName;

    /** A disabled domain receives nothing (550 5.2.1) and its users cannot log in. */
    @Column(nullable = false)
    private boolean enabled = true;

    /** The quota of the domain's users without their own, in octets; null for the server's default. */
    @Column(name = "default_quota_bytes")
    private Long defaultQuotaBytes;

    /** How many users the domain may have; null for no limit. */
    @Column(name = "max_users")
    private Integer maxUsers;

    /** Whether {@code user+tag} reaches {@code user}. */
    @Column(name = "plus_addressing", nullable = false)
    private boolean plusAddressing = true;

    protected Domain() {
    }

    public Domain(String name, String unicodeName) {
        this.name = name;
        this.unicodeName = unicodeName;
        this.createdAt = Instant.now();
    }

    public Domain(String name) {
        this(name, null);
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

    /** The name for display: the Unicode form of an internationalized name, else the name itself. */
    public String getDisplayName() {
        return unicodeName != null ? unicodeName : name;
    }

    public String getUnicodeName() {
        return unicodeName;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Long getDefaultQuotaBytes() {
        return defaultQuotaBytes;
    }

    public void setDefaultQuotaBytes(Long defaultQuotaBytes) {
        this.defaultQuotaBytes = defaultQuotaBytes;
    }

    public Integer getMaxUsers() {
        return maxUsers;
    }

    public void setMaxUsers(Integer maxUsers) {
        this.maxUsers = maxUsers;
    }

    public boolean isPlusAddressing() {
        return plusAddressing;
    }

    public void setPlusAddressing(boolean plusAddressing) {
        this.plusAddressing = plusAddressing;
    }
}
