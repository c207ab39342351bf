package org.postilion.outbound;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A relay that takes mail instead of the destination's MX: a smart host for everything (Postfix's
 * {@code relayhost}), for one sender domain ({@code sender_dependent_relayhost_maps}), or for one destination
 * ({@code transport_maps}).
 */
@Entity
@Cacheable
@Table(name = "transport_route")
public class TransportRoute {

    /** What the route applies to. */
    public enum Match {
        /** Every remote destination. */
        DEFAULT,
        /** Mail whose sender is in the domain. */
        SENDER_DOMAIN,
        /** Mail for recipients in the domain. */
        DESTINATION
    }

    /** How the connection to the relay is protected. */
    public enum Tls {
        /** STARTTLS, required: no relay in clear text. */
        STARTTLS,
        /** TLS from the first byte (submissions, port 465). */
        IMPLICIT,
        /** Clear text (a relay on a trusted network); no AUTH is sent. */
        NONE
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "transport_route_seq")
    @SequenceGenerator(name = "transport_route_seq", sequenceName = "transport_route_seq", allocationSize = 50)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(name = "match_kind", nullable = false, length = 16)
    private Match match;

    @Column(name = "match_domain", nullable = false, length = 253)
    private String domain;

    @Column(nullable = false, length = 253)
    private String host;

    @Column(nullable = false)
    private int port;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Tls tls;

    @Column(nullable = false)
    private boolean verify;

    @Column(length = 320)
    private String username;

    @Column(length = 512)
    private String password;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected TransportRoute() {
    }

    TransportRoute(Match match, String domain) {
        this.match = match;
        this.domain = domain;
    }

    void set(String host, int port, Tls tls, boolean verify, String username, String password, Instant now) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.verify = verify;
        this.username = username;
        this.password = password;
        this.updatedAt = now;
    }

    public Match match() {
        return match;
    }

    public String domain() {
        return domain;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Tls tls() {
        return tls;
    }

    public boolean verify() {
        return verify;
    }

    public String username() {
        return username;
    }

    /** The password to log in to the relay with; for the delivery agent only, never shown. */
    String password() {
        return password;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
