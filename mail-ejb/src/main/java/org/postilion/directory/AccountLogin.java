package org.postilion.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** When an account last logged in over one protocol ({@code imap}, {@code pop3}, {@code smtp}, {@code web}). */
@Entity
@Table(name = "account_login")
@IdClass(AccountLogin.Key.class)
@NamedQuery(name = AccountLogin.OF_ACCOUNT,
        query = "select l from AccountLogin l where l.accountId = :accountId order by l.protocol")
@NamedQuery(name = AccountLogin.UPDATE,
        query = "update AccountLogin l set l.at = :at where l.accountId = :accountId and l.protocol = :protocol")
public class AccountLogin {

    public static final String OF_ACCOUNT = "AccountLogin.ofAccount";
    public static final String UPDATE = "AccountLogin.update";

    /** The composite key. */
    public record Key(Long accountId, String protocol) implements Serializable {
    }

    @Id
    @Column(name = "account_id")
    private Long accountId;

    @Id
    @Column(length = 8)
    private String protocol;

    @Column(nullable = false)
    private Instant at;

    protected AccountLogin() {
    }

    public AccountLogin(long accountId, String protocol, Instant at) {
        this.accountId = accountId;
        this.protocol = protocol;
        this.at = at;
    }

    public String getProtocol() {
        return protocol;
    }

    public Instant getAt() {
        return at;
    }
}
