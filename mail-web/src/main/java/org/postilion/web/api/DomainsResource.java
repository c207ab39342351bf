package org.postilion.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.postilion.connector.spi.Listeners;
import org.postilion.directory.Alias;
import org.postilion.directory.DirectoryException;
import org.postilion.directory.DirectoryService;
import org.postilion.directory.Domain;
import org.postilion.directory.DomainCounts;
import org.postilion.directory.DomainSettings;
import org.postilion.dns.DomainRecords;
import org.postilion.web.api.Views.DomainSettingsRequest;
import org.postilion.web.api.Views.DomainView;
import org.postilion.web.api.Views.NewDomain;
import org.postilion.web.security.Authorization;
import org.postilion.web.security.Roles;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/domains}: the hosted domains, with their settings and what each holds. Server admins add, set and
 * remove them; a domain admin sees the domains granted to them and no other. A name may be given as a U-label
 * ({@code bücher.example}): it is stored once, as its A-label, with the Unicode form for display.
 */
@RequestScoped
@Tag(name = "domains")
@Path("/domains")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DomainsResource {

    @Inject
    private DirectoryService directory;

    @Inject
    private Authorization authorization;

    @Inject
    private AuditTrail audit;

    @Inject
    private DomainRecords records;

    /** The domains the caller may see, with what each holds. */
    @GET
    @RolesAllowed({Roles.SERVER_ADMIN, Roles.DOMAIN_ADMIN})
    public Response list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit)
            throws DirectoryException {
        Set<String> visible = authorization.visibleDomains();
        Map<String, DomainCounts> counts = directory.countDomains();
        return Paging.of(offset, limit).of(directory.listDomains().stream()
                .filter(d -> visible == null || visible.contains(d.getName()))
                .map(d -> DomainView.of(d, counts.getOrDefault(d.getName(), DomainCounts.NONE), null)).toList());
    }

    @POST
    @Transactional(rollbackOn = DirectoryException.class)
    public Response create(NewDomain request, @Context UriInfo uri) throws DirectoryException {
        if (request == null) {
            throw DirectoryException.invalid("a body {\"name\": ...} is required");
        }
        Domain d = directory.createDomain(request.name());
        DomainView view = DomainView.of(d);
        audit.record("domain.create", d.getName(), d.getName(), null, view);
        return Response.created(uri.getAbsolutePathBuilder().path(d.getName()).build()).entity(view).build();
    }

    @GET
    @Path("{name}")
    @RolesAllowed({Roles.SERVER_ADMIN, Roles.DOMAIN_ADMIN})
    public DomainView get(@PathParam("name") String name) throws DirectoryException {
        authorization.requireDomain(name);
        return view(directory.findDomain(name));
    }

    /**
     * The DNS records the domain should publish (MX, the mail host's address, SPF, DMARC, MTA-STS, TLS-RPT,
     * autoconfiguration names, RFC 6186 SRV, the PTR advice), each with what DNS says of it now through the
     * server's resolver ({@code status}: OK, MISSING, DIFFERS, UNKNOWN, ADVICE, and what was {@code found});
     * {@code ?check=false} lists them without asking DNS.
     */
    @GET
    @Path("{name}/dns")
    @RolesAllowed({Roles.SERVER_ADMIN, Roles.DOMAIN_ADMIN})
    public List<DomainRecords.Expected> dns(@PathParam("name") String name, @QueryParam("check") Boolean check)
            throws DirectoryException {
        authorization.requireDomain(name);
        Domain d = directory.findDomain(name);
        String host = Listeners.hostname();
        List<DomainRecords.Expected> expected = DomainRecords.expected(d.getName(), host,
                Listeners.port("submission", Listeners.DEFAULT_SUBMISSION_PORT),
                Listeners.port("imaps", Listeners.DEFAULT_IMAPS_PORT), Listeners.port("imap", Listeners.DEFAULT_IMAP_PORT));
        return check != null && !check ? expected : records.check(expected, host);
    }

    /** Sets the domain's settings (server admins: a domain admin must not raise their own limits). */
    @PUT
    @Path("{name}")
    @Transactional(rollbackOn = DirectoryException.class)
    public DomainView update(@PathParam("name") String name, DomainSettingsRequest request) throws DirectoryException {
        if (request == null) {
            throw DirectoryException.invalid("a body {\"enabled\", \"defaultQuotaBytes\", \"maxUsers\", "
                    + "\"plusAddressing\"} is required");
        }
        DomainView before = view(directory.findDomain(name));
        Domain d = directory.updateDomain(name, new DomainSettings(request.enabled(), request.defaultQuotaBytes(),
                request.maxUsers(), request.plusAddressing()));
        DomainView after = view(d);
        audit.record("domain.update", d.getName(), d.getName(), before, after);
        return after;
    }

    /** Removes a domain; one with users or aliases only with {@code ?force=true}, which removes them too. */
    @DELETE
    @Path("{name}")
    @Transactional(rollbackOn = DirectoryException.class)
    public Response delete(@PathParam("name") String name, @QueryParam("force") boolean force)
            throws DirectoryException {
        DomainView before = view(directory.findDomain(name));
        directory.deleteDomain(name, force);
        audit.record(force ? "domain.delete.force" : "domain.delete", before.name(), before.name(), before, null);
        return Response.noContent().build();
    }

    /** One domain with what it holds and its catch-all. */
    private DomainView view(Domain d) throws DirectoryException {
        List<String> catchAll = directory.aliasRows("@" + d.getName()).stream().map(Alias::getTarget).toList();
        return DomainView.of(d, directory.countDomains().getOrDefault(d.getName(), DomainCounts.NONE),
                catchAll.isEmpty() ? null : catchAll);
    }
}
