package org.postilion.web.api;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.postilion.operations.HealthChecks;
import org.postilion.operations.QueueDepths;

import java.util.List;
import java.util.Map;

/**
 * {@code /api/health}: the node's readiness checks (listeners, database, mail queues) with what each found, and
 * the queues' depths, for server admins and the console's dashboard. {@code /api/health/ready} and
 * {@code /api/health/live} answer load balancers and orchestrators without credentials, with the verdict only
 * ({@code 200 {"status":"UP"}} or {@code 503 {"status":"DOWN"}}), as MicroProfile Health's probes do.
 */
@RequestScoped
@Tag(name = "operations")
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    @Inject
    private HealthChecks checks;

    @Inject
    private QueueDepths queues;

    /**
     * @param up     whether every check passed
     * @param checks each check's answer
     * @param queues messages waiting on each mail queue
     */
    public record HealthView(boolean up, List<HealthChecks.Check> checks, Map<String, Long> queues) {
    }

    /** @param status {@code UP} or {@code DOWN} */
    public record Probe(String status) {
    }

    @GET
    public HealthView health() {
        List<HealthChecks.Check> all = checks.readiness();
        return new HealthView(HealthChecks.allUp(all), all, queues.depths());
    }

    /** Ready to take and deliver mail: every check passes. */
    @GET
    @Path("/ready")
    @PermitAll
    public Response ready() {
        return probe(HealthChecks.allUp(checks.readiness()));
    }

    /** Alive: the application answers requests (a restart would not help otherwise). */
    @GET
    @Path("/live")
    @PermitAll
    public Response live() {
        return probe(true);
    }

    private static Response probe(boolean up) {
        return Response.status(up ? 200 : 503).entity(new Probe(up ? "UP" : "DOWN")).build();
    }
}
