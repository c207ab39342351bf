package org.postilion.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.postilion.directory.DirectoryException;
import org.postilion.outbound.DeliveryEvent;
import org.postilion.outbound.OutboundLedger;
import org.postilion.outbound.OutboundMessage;
import org.postilion.outbound.QueueEntry;
import org.postilion.outbound.QueueQuery;
import org.postilion.queue.OutboundQueue;
import org.postilion.web.security.Authorization;
import org.postilion.web.security.Roles;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/queue}: the outbound queue (the product's {@code mailq}): messages on their way to remote recipients,
 * each recipient's state and last reply, and a message's trace; retry now, hold, release, and removal (silent or
 * with a bounce), each audited. A domain admin sees the messages whose sender or a
 * recipient is in their domains; another one is answered 404, as if it did not exist.
 */
@RequestScoped
@Tag(name = "queue")
@Path("/queue")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SERVER_ADMIN, Roles.DOMAIN_ADMIN})
public class QueueResource {

    @Inject
    private OutboundLedger ledger;

    @Inject
    private Authorization authorization;

    @Inject
    private OutboundQueue queue;

    @Inject
    private AuditTrail audit;

    /**
     * One event of a message's trace.
     *
     * @param event queued, delivered, deferred, bounced, dsn-failure, dsn-delay
     */
    public record TraceEvent(Instant at, String event, String recipient, String remoteHost, String remoteIp,
                             String tls, String detail) {
        static TraceEvent of(DeliveryEvent e) {
            return new TraceEvent(e.at(), e.event(), e.recipient(), e.remoteHost(), e.remoteIp(), e.tls(), e.detail());
        }
    }

    /** A message with its trace. */
    public record QueueMessage(QueueEntry message, List<TraceEvent> trace) {
    }

    /** Messages, newest first, filtered by {@code state}, {@code sender}, {@code recipient} (texts) or {@code domain}. */
    @GET
    public Response list(@QueryParam("state") String state, @QueryParam("sender") String sender,
                         @QueryParam("recipient") String recipient, @QueryParam("domain") String domain,
                         @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit)
            throws DirectoryException {
        Paging paging = Paging.of(offset, limit);
        if (domain != null) {
            authorization.requireDomain(domain);
        }
        OutboundLedger.Page page = ledger.list(new QueueQuery(state(state), sender, recipient, domain,
                authorization.visibleDomains()), paging.offset(), paging.limit());
        return Paging.page(page.entries(), page.total());
    }

    /** How many messages are ACTIVE, DEFERRED and DONE. */
    @GET
    @Path("/counts")
    public Map<String, Long> counts() {
        return ledger.counts(authorization.visibleDomains());
    }

    /** One message, its recipients and its trace. */
    @GET
    @Path("/{queueId}")
    public QueueMessage one(@PathParam("queueId") String queueId) throws DirectoryException {
        QueueEntry entry = ledger.find(queueId).filter(this::visible)
                .orElseThrow(() -> DirectoryException.notFound("no queued message " + queueId));
        return new QueueMessage(entry, ledger.trace(queueId).stream().map(TraceEvent::of).toList());
    }

    /** Retry now: the message's next attempt is brought forward (Postfix's {@code postqueue -i}). */
    @POST
    @Path("/{queueId}/retry")
    public QueueEntry retry(@PathParam("queueId") String queueId) throws DirectoryException {
        return control(queueId, "retry");
    }

    /** Hold: no attempt until released ({@code postsuper -h}). */
    @POST
    @Path("/{queueId}/hold")
    public QueueEntry hold(@PathParam("queueId") String queueId) throws DirectoryException {
        return control(queueId, "hold");
    }

    /** Release a held message: it is attempted at once ({@code postsuper -H}). */
    @POST
    @Path("/{queueId}/release")
    public QueueEntry release(@PathParam("queueId") String queueId) throws DirectoryException {
        return control(queueId, "release");
    }

    /**
     * Remove a message's waiting recipients from the queue: silently ({@code postsuper -d}), or with a bounce to the
     * sender ({@code ?bounce=true}).
     */
    @DELETE
    @Path("/{queueId}")
    public QueueEntry remove(@PathParam("queueId") String queueId, @QueryParam("bounce") boolean bounce)
            throws DirectoryException {
        return control(queueId, bounce ? "bounce" : "delete");
    }

    private QueueEntry control(String queueId, String action) throws DirectoryException {
        QueueEntry before = ledger.find(queueId).filter(this::visible)
                .orElseThrow(() -> DirectoryException.notFound("no queued message " + queueId));
        QueueEntry after = ledger.control(queueId, action, authorization.caller().name()).orElseThrow(
                () -> DirectoryException.notFound("no queued message " + queueId));
        if (!action.equals("hold")) {
            queue.wakeUp(queueId);
        }
        String senderDomain = before.sender().substring(before.sender().lastIndexOf('@') + 1);
        audit.record("queue." + action, queueId, senderDomain.isEmpty() ? null : senderDomain, before, after);
        return after;
    }

    private boolean visible(QueueEntry e) {
        Set<String> visible = authorization.visibleDomains();
        if (visible == null) {
            return true;
        }
        String senderDomain = e.sender().substring(e.sender().lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return visible.contains(senderDomain) || e.recipients().stream()
                .anyMatch(r -> visible.contains(r.address().substring(r.address().lastIndexOf('@') + 1)));
    }

    private static OutboundMessage.State state(String state) throws DirectoryException {
        if (state == null) {
            return null;
        }
        try {
            return OutboundMessage.State.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DirectoryException.invalid("state is one of active, deferred, held, done");
        }
    }
}
