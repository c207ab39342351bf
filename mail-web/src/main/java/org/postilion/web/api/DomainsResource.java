package org.postilion.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.postilion.directory.DirectoryException;
import org.postilion.directory.DirectoryService;
import org.postilion.directory.Domain;
import org.postilion.web.api.Views.DomainView;
import org.postilion.web.api.Views.NewDomain;
import org.postilion.web.security.Authorization;
import org.postilion.web.security.Roles;

import java.util.Set;

/**
 * {@code /api/domains}: the hosted domains. Server admins add and remove them; a domain admin sees the domains
 * granted to them and no other.
 */
@RequestScoped
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

    @GET
    @RolesAllowed({Roles.SERVER_ADMIN, Roles.DOMAIN_ADMIN})
    public Response list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit)
            throws DirectoryException {
        Set<String> visible = authorization.visibleDomains();
        return Paging.of(offset, limit).of(directory.listDomains().stream()
                .filter(d -> visible == null || visible.contains(d.getName())).map(DomainView::of).toList());
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
        return DomainView.of(directory.findDomain(name));
    }

    @DELETE
    @Path("{name}")
    @Transactional(rollbackOn = DirectoryException.class)
    public Response delete(@PathParam("name") String name) throws DirectoryException {
        DomainView before = DomainView.of(directory.findDomain(name));
        directory.deleteDomain(name);
        audit.record("domain.delete", before.name(), before.name(), before, null);
        return Response.noContent().build();
    }
}
