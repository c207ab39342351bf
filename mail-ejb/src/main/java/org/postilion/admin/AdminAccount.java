package org.postilion.admin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.postilion.directory.Domain;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A person who administers the server, apart from the mail users: a name, a password credential (the same
 * PBKDF2 SCRAM-SHA-256 record mail users have), a role and, for a domain admin, the domains granted. Not in the
 * second-level cache: every request re-reads it, so that a disabled or removed admin is refused at once.
 */
@Entity
@Table(name = "admin_account")
@NamedQuery(name = AdminAccount.ALL, query = "select a from AdminAccount a order by a.name")
@NamedQuery(name = AdminAccount.BY_NAME, query = "select a from AdminAccount a where a.name = :name")
@NamedQuery(name = AdminAccount.COUNT, query = "select count(a) from AdminAccount a")
@NamedQuery(name = AdminAccount.COUNT_ENABLED_SERVER_ADMINS,
        query = "select count(a) from AdminAccount a where a.role = org.postilion.admin.AdminRole.SERVER_ADMIN "
                + "and a.enabled = true")
public class AdminAccount {

    public static final String ALL = "AdminAccount.all";
    public static final String BY_NAME = "AdminAccount.byName";
    public static final String COUNT = "AdminAccount.count";
    public static final String COUNT_ENABLED_SERVER_ADMINS = "AdminAccount.countEnabledServerAdmins";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "admin_account_seq")
    @SequenceGenerator(name = "admin_account_seq", sequenceName = "admin_account_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 64, unique = true)
    private String name;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private AdminRole role;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    /** Read with the account: a handful of names, needed for every request the admin makes. */
    @ManyToMany(fetch = FetchType.EAGER)
    @JoinTable(name = "admin_domain_grant", joinColumns = @JoinColumn(name = "admin_id"),
            inverseJoinColumns = @JoinColumn(name = "domain_id"))
    private Set<Domain> domains = new LinkedHashSet<>();

    protected AdminAccount() {
    }

    public AdminAccount(String name, String passwordHash, AdminRole role) {
        this.name = name;
        this.passwordHash = passwordHash;
        this.role = role;
        this.enabled = true;
        this.createdAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public AdminRole getRole() {
        return role;
    }

    public void setRole(AdminRole role) {
        this.role = role;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastLoginAt() {
        return lastLoginAt;
    }

    public void setLastLoginAt(Instant lastLoginAt) {
        this.lastLoginAt = lastLoginAt;
    }

    /** The granted domains (meaningful for a domain admin; a server admin has all). */
    public Set<Domain> getDomains() {
        return domains;
    }
}
