package org.postilion.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.postilion.audit.AuditLog;
import org.postilion.audit.AuditQuery;
import org.postilion.directory.DirectoryException;
import org.postilion.directory.MailNames;
import org.postilion.web.api.Views.AuditEntryView;
import org.postilion.web.security.Authorization;
import org.postilion.web.security.Roles;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * {@code /api/audit}: the audit log, newest first, filtered by {@code actor}, {@code action} (exact, or a family
 * ending in a dot: {@code user.}), {@code target} (contains), {@code domain}, {@code since} and {@code until}
 * (ISO-8601 instants), and paged. A domain admin reads the entries of their domains only.
 */
@RequestScoped
@Tag(name = "audit")
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SERVER_ADMIN, Roles.DOMAIN_ADMIN})
public class AuditResource {

    @Inject
    private AuditLog log;

    @Inject
    private Authorization authorization;

    @GET
    public Response list(@QueryParam("actor") String actor, @QueryParam("action") String action,
                         @QueryParam("target") String target, @QueryParam("domain") String domain,
                         @QueryParam("since") String since, @QueryParam("until") String until,
                         @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit)
            throws DirectoryException {
        Paging paging = Paging.of(offset, limit);
        Set<String> domains = authorization.visibleDomains();
        if (domain != null) {
            authorization.requireDomain(domain);
            domains = Set.of(MailNames.domain(domain));
        }
        AuditLog.Page page = log.list(new AuditQuery(blankToNull(actor), blankToNull(action), blankToNull(target),
                instant("since", since), instant("until", until), domains, paging.offset(), paging.limit()));
        return Paging.page(page.entries().stream().map(AuditEntryView::of).toList(), page.total());
    }

    private static Instant instant(String name, String value) throws DirectoryException {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw DirectoryException.invalid(name + " is an ISO-8601 instant such as 2026-12-07T09:00:00Z");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
