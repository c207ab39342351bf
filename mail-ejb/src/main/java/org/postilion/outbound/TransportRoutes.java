package org.postilion.outbound;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.postilion.directory.DirectoryException;
import org.postilion.directory.MailNames;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/**
 * The relays (smart hosts) and which mail takes them: the admin API's {@code /api/transports}, and the delivery
 * agent's choice per destination and sender (a DESTINATION route first, then SENDER_DOMAIN, then DEFAULT, else
 * the destination's MX).
 */
@Stateless
public class TransportRoutes {

    /** A route as the delivery agent uses it, password included. */
    public record Relay(String host, int port, TransportRoute.Tls tls, boolean verify, String username,
                        String password, String describedAs) {
    }

    @PersistenceContext(unitName = "postilion")
    private EntityManager em;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    public List<TransportRoute> list() {
        return em.createQuery("select r from TransportRoute r order by r.match, r.domain", TransportRoute.class)
                .getResultList();
    }

    public Optional<TransportRoute> find(TransportRoute.Match match, String domain) {
        return em.createQuery("select r from TransportRoute r where r.match = :m and r.domain = :d",
                        TransportRoute.class).setParameter("m", match).setParameter("d", key(match, domain))
                .setHint("org.hibernate.cacheable", true).getResultStream().findFirst();
    }

    /**
     * Makes or replaces a route.
     *
     * @param password null keeps the password already set (so an edit need not repeat it)
     */
    public TransportRoute put(TransportRoute.Match match, String domain, String host, int port, TransportRoute.Tls tls,
                              boolean verify, String username, String password) throws DirectoryException {
        if (host == null || !host.matches("[A-Za-z0-9.:\\-\\[\\]]{1,253}")) {
            throw DirectoryException.invalid("host is a host name or an IP address");
        }
        if (port < 1 || port > 65535) {
            throw DirectoryException.invalid("port is 1 to 65535");
        }
        if (tls == TransportRoute.Tls.NONE && username != null && !username.isEmpty()) {
            throw DirectoryException.invalid("no login in clear text: a relay with a username needs tls STARTTLS or IMPLICIT");
        }
        String d = match == TransportRoute.Match.DEFAULT ? "" : MailNames.domain(domain);
        TransportRoute existing = find(match, d).orElse(null);
        TransportRoute r = existing != null ? existing : new TransportRoute(match, key(match, d));
        String keep = password == null ? r.password() : password;
        boolean login = username != null && !username.isEmpty();
        // set before persisting: the insert carries the state the entity had when it was persisted
        r.set(host.toLowerCase(Locale.ROOT), port, tls, verify, login ? username : null, login ? keep : null,
                Instant.now());
        if (existing == null) {
            em.persist(r);
        }
        forgetSnapshotAfterCommit();
        return r;
    }

    /** Whether a route has a password set (the API says so, never shows it). */
    public boolean hasPassword(TransportRoute r) {
        return r.password() != null && !r.password().isEmpty();
    }

    public boolean remove(TransportRoute.Match match, String domain) {
        forgetSnapshotAfterCommit();
        return find(match, domain).map(r -> {
            em.remove(r);
            return true;
        }).orElse(false);
    }

    /**
     * The routes as the delivery agent reads them, for {@value #SNAPSHOT_SECONDS} s at most: asked for every domain
     * of every attempt, a query each time (even from Hibernate's query cache) was the delivery agent's largest cost
     * in the database layer. A change made here replaces it at once; one made on another node is seen within the
     * interval.
     */
    private static volatile Snapshot snapshot;
    private static final int SNAPSHOT_SECONDS = 10;

    private record Snapshot(Map<String, Relay> destinations, Map<String, Relay> senders, Relay fallback,
                            long loadedAt) {
    }

    /** The relay for mail from the sender's domain to the destination, if any route applies. */
    public Optional<Relay> relayFor(String destination, String senderDomain) {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.loadedAt() > SNAPSHOT_SECONDS * 1_000_000_000L) {
            s = load();
            snapshot = s;
        }
        Relay r = s.destinations().get(destination);
        if (r == null && senderDomain != null && !senderDomain.isEmpty()) {
            r = s.senders().get(senderDomain);
        }
        return Optional.ofNullable(r != null ? r : s.fallback());
    }

    /** After this transaction ends (not before: a reload in between would read the old routes for the interval). */
    private void forgetSnapshotAfterCommit() {
        snapshot = null;
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing: the routes are forgotten once the change is visible
            }

            @Override
            public void afterCompletion(int status) {
                snapshot = null;
            }
        });
    }

    private Snapshot load() {
        Map<String, Relay> destinations = new HashMap<>();
        Map<String, Relay> senders = new HashMap<>();
        Relay fallback = null;
        for (TransportRoute t : list()) {
            Relay r = new Relay(t.host(), t.port(), t.tls(), t.verify(), t.username(), t.password(),
                    t.match().name().toLowerCase(Locale.ROOT) + (t.domain().isEmpty() ? "" : " " + t.domain())
                            + " relay");
            switch (t.match()) {
                case DESTINATION -> destinations.put(t.domain(), r);
                case SENDER_DOMAIN -> senders.put(t.domain(), r);
                case DEFAULT -> fallback = r;
            }
        }
        return new Snapshot(Map.copyOf(destinations), Map.copyOf(senders), fallback, System.nanoTime());
    }

    private static String key(TransportRoute.Match match, String domain) {
        return match == TransportRoute.Match.DEFAULT || domain == null ? "" : domain.toLowerCase(Locale.ROOT);
    }
}
