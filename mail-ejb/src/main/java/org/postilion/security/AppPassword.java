package org.postilion.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A generated password for one mail client that cannot do better than a password (an old phone, a printer that
 * scans to mail): named, limited to some protocols, revocable on its own without changing the user's password.
 * Only its SHA-256 is kept: it is 16 random characters from a 31-letter alphabet (79 bits), which no guessing
 * finds, so a slow KDF would only slow the logins down.
 */
@Entity
@Table(name = "app_password")
@NamedQuery(name = AppPassword.OF_ACCOUNT,
        query = "select p from AppPassword p where p.accountId = :accountId order by p.name")
@NamedQuery(name = AppPassword.MATCHING,
        query = "select p from AppPassword p where p.accountId = :accountId and p.secretHash = :hash")
public class AppPassword {

    public static final String OF_ACCOUNT = "AppPassword.ofAccount";
    public static final String MATCHING = "AppPassword.matching";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "app_password_seq")
    @SequenceGenerator(name = "app_password_seq", sequenceName = "app_password_seq", allocationSize = 50)
    private Long id;

    @Column(name = "account_id", nullable = false)
    private Long accountId;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;

    /** The protocols it works for, comma-separated: imap, pop3, smtp. */
    @Column(nullable = false, length = 32)
    private String protocols;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    protected AppPassword() {
    }

    public AppPassword(long accountId, String name, String secretHash, Set<String> protocols) {
        this.accountId = accountId;
        this.name = name;
        this.secretHash = secretHash;
        this.protocols = String.join(",", protocols);
        this.createdAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public Long getAccountId() {
        return accountId;
    }

    public String getName() {
        return name;
    }

    public Set<String> getProtocols() {
        return new LinkedHashSet<>(Arrays.asList(protocols.split(",")));
    }

    public boolean allows(String protocol) {
        return getProtocols().contains(protocol);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public void setLastUsedAt(Instant lastUsedAt) {
        this.lastUsedAt = lastUsedAt;
    }
}
