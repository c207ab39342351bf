package org.postilion.mailbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** A subscribed mailbox name (RFC 9051 section 6.3.7); it outlives the mailbox it names. */
@Entity
@Table(name = "mailbox_subscription")
@IdClass(Subscription.Key.class)
public class Subscription {

    @Id
    @Column(name = "account_id")
    private long accountId;

    @Id
    @Column(name = "name", length = 255)
    private String name;

    protected Subscription() {
    }

    public Subscription(long accountId, String name) {
        this.accountId = accountId;
        this.name = name;
    }

    public String getName() {
        return name;
    }

    /** The primary key: an account and a name. */
    public static class Key implements Serializable {
        private long accountId;
        private String name;

        public Key() {
        }

        public Key(long accountId, String name) {
            this.accountId = accountId;
            this.name = name;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.accountId == accountId && Objects.equals(k.name, name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(accountId, name);
        }
    }
}
