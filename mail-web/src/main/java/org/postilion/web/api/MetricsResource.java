package org.postilion.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.postilion.operations.MailMetrics;

/**
 * {@code /api/metrics}: the mail metrics and the JVM's in Prometheus's text format, for server admins; a
 * Prometheus scrape job authenticates with an API token ({@code authorization: {credentials: <token>}}).
 */
@RequestScoped
@Tag(name = "operations")
@Path("/metrics")
public class MetricsResource {

    @Inject
    private MailMetrics metrics;

    @GET
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    public String metrics() {
        return metrics.scrape();
    }
}
