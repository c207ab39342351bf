package org.postilion.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.postilion.directory.DirectoryException;
import org.postilion.outbound.TransportRoute;
import org.postilion.outbound.TransportRoutes;
import org.postilion.web.security.Roles;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code /api/transports}: relays (smart hosts) that take outbound mail instead of the destination's MX:
 * {@code default} for everything, {@code sender/{domain}} for mail from a domain, {@code destination/{domain}} for
 * mail to one (that order of precedence: destination, sender, default). Server admins only; the relay's password
 * is written, never read back ({@code passwordSet} says whether there is one).
 */
@RequestScoped
@Tag(name = "queue")
@Path("/transports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVER_ADMIN)
public class TransportsResource {

    @Inject
    private TransportRoutes routes;

    @Inject
    private AuditTrail audit;

    /** A route as shown: never its password. */
    public record TransportView(String match, String domain, String host, int port, String tls, boolean verify,
                                String username, boolean passwordSet, Instant updatedAt) {
        static TransportView of(TransportRoute r, boolean passwordSet) {
            return new TransportView(r.match().name().toLowerCase(Locale.ROOT), r.domain(), r.host(), r.port(),
                    r.tls().name().toLowerCase(Locale.ROOT), r.verify(), r.username(), passwordSet, r.updatedAt());
        }
    }

    /**
     * A route's settings.
     *
     * @param tls      {@code starttls} (default; required), {@code implicit} or {@code none}
     * @param verify   check the relay's certificate and name (default true when it has a username)
     * @param password null keeps the one set
     */
    public record TransportRequest(String host, Integer port, String tls, Boolean verify, String username,
                                   String password) {
    }

    @GET
    public List<TransportView> list() {
        return routes.list().stream().map(r -> TransportView.of(r, routes.hasPassword(r))).toList();
    }

    @PUT
    @Path("/default")
    @Transactional(rollbackOn = DirectoryException.class)
    public TransportView putDefault(TransportRequest request) throws DirectoryException {
        return put(TransportRoute.Match.DEFAULT, "", request);
    }

    @PUT
    @Path("/sender/{domain}")
    @Transactional(rollbackOn = DirectoryException.class)
    public TransportView putSender(@PathParam("domain") String domain, TransportRequest request)
            throws DirectoryException {
        return put(TransportRoute.Match.SENDER_DOMAIN, domain, request);
    }

    @PUT
    @Path("/destination/{domain}")
    @Transactional(rollbackOn = DirectoryException.class)
    public TransportView putDestination(@PathParam("domain") String domain, TransportRequest request)
            throws DirectoryException {
        return put(TransportRoute.Match.DESTINATION, domain, request);
    }

    @DELETE
    @Path("/default")
    @Transactional(rollbackOn = DirectoryException.class)
    public Response removeDefault() throws DirectoryException {
        return remove(TransportRoute.Match.DEFAULT, "");
    }

    @DELETE
    @Path("/sender/{domain}")
    @Transactional(rollbackOn = DirectoryException.class)
    public Response removeSender(@PathParam("domain") String domain) throws DirectoryException {
        return remove(TransportRoute.Match.SENDER_DOMAIN, domain);
    }

    @DELETE
    @Path("/destination/{domain}")
    @Transactional(rollbackOn = DirectoryException.class)
    public Response removeDestination(@PathParam("domain") String domain) throws DirectoryException {
        return remove(TransportRoute.Match.DESTINATION, domain);
    }

    private TransportView put(TransportRoute.Match match, String domain, TransportRequest r)
            throws DirectoryException {
        if (r == null || r.host() == null) {
            throw DirectoryException.invalid("a body {\"host\": ..., \"port\": ..., \"tls\": ...} is required");
        }
        TransportRoute.Tls tls;
        try {
            tls = r.tls() == null ? TransportRoute.Tls.STARTTLS
                    : TransportRoute.Tls.valueOf(r.tls().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DirectoryException.invalid("tls is one of starttls, implicit, none");
        }
        int port = r.port() != null ? r.port() : tls == TransportRoute.Tls.IMPLICIT ? 465 : 587;
        boolean hasLogin = r.username() != null && !r.username().isEmpty();
        boolean verify = r.verify() != null ? r.verify() : hasLogin;
        TransportView before = routes.find(match, domain).map(t -> TransportView.of(t, routes.hasPassword(t)))
                .orElse(null);
        TransportRoute saved = routes.put(match, domain, r.host(), port, tls, verify, r.username(), r.password());
        TransportView after = TransportView.of(saved, routes.hasPassword(saved));
        audit.record("transport.put", match.name().toLowerCase(Locale.ROOT) + " " + saved.domain(),
                match == TransportRoute.Match.DEFAULT ? null : saved.domain(), before, after);
        return after;
    }

    private Response remove(TransportRoute.Match match, String domain) throws DirectoryException {
        TransportView before = routes.find(match, domain == null ? "" : domain.toLowerCase(Locale.ROOT))
                .map(t -> TransportView.of(t, routes.hasPassword(t)))
                .orElseThrow(() -> DirectoryException.notFound("no " + match.name().toLowerCase(Locale.ROOT)
                        + " transport" + (domain.isEmpty() ? "" : " for " + domain)));
        routes.remove(match, domain);
        audit.record("transport.delete", match.name().toLowerCase(Locale.ROOT) + " " + before.domain(),
                match == TransportRoute.Match.DEFAULT ? null : before.domain(), before, null);
        return Response.noContent().build();
    }
}
