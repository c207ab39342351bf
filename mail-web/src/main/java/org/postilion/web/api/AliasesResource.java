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
import org.postilion.directory.Alias;
import org.postilion.directory.DirectoryException;
import org.postilion.directory.DirectoryService;
import org.postilion.web.api.Views.AliasView;
import org.postilion.web.api.Views.NewAlias;
import org.postilion.web.security.Authorization;
import org.postilion.web.security.Roles;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/aliases}: addresses that forward to other addresses. {@code @example.com} is the domain's
 * catch-all, which takes mail for every address of the domain that is neither a user nor an alias. A domain admin
 * manages the aliases of their domains (the targets may be anywhere).
 */
@RequestScoped
@Tag(name = "aliases")
@Path("/aliases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SERVER_ADMIN, Roles.DOMAIN_ADMIN})
public class AliasesResource {

    @Inject
    private DirectoryService directory;

    @Inject
    private Authorization authorization;

    @Inject
    private AuditTrail audit;

    /** All aliases the caller may see, or those of one domain ({@code ?domain=example.com}). */
    @GET
    public Response list(@QueryParam("domain") String domain, @QueryParam("offset") Integer offset,
                         @QueryParam("limit") Integer limit) throws DirectoryException {
        Paging paging = Paging.of(offset, limit);
        if (domain != null) {
            authorization.requireDomain(domain);
            return paging.of(AliasView.of(directory.listAliases(domain)));
        }
        Set<String> visible = authorization.visibleDomains();
        List<Alias> rows = new ArrayList<>(directory.listAliases(null));
        rows.removeIf(a -> visible != null && !visible.contains(a.getDomain().getName()));
        return paging.of(AliasView.of(rows));
    }

    @POST
    @Transactional(rollbackOn = DirectoryException.class)
    public Response create(NewAlias request, @Context UriInfo uri) throws DirectoryException {
        if (request == null) {
            throw DirectoryException.invalid("a body {\"address\": ..., \"targets\": [...]} is required");
        }
        authorization.requireDomainOf(request.address());
        List<Alias> rows = directory.createAlias(request.address(), request.targets());
        AliasView view = AliasView.of(rows).get(0);
        audit.record("alias.create", view.address(), rows.get(0).getDomain().getName(), null, view);
        return Response.created(uri.getAbsolutePathBuilder().path(view.address()).build()).entity(view).build();
    }

    @GET
    @Path("{address}")
    public AliasView get(@PathParam("address") String address) throws DirectoryException {
        authorization.requireDomainOf(address);
        return AliasView.of(directory.findAlias(address)).get(0);
    }

    /** Sets the alias's targets, creating it if needed. */
    @PUT
    @Path("{address}")
    @Transactional(rollbackOn = DirectoryException.class)
    public AliasView put(@PathParam("address") String address, NewAlias request) throws DirectoryException {
        if (request == null) {
            throw DirectoryException.invalid("a body {\"targets\": [...]} is required");
        }
        authorization.requireDomainOf(address);
        AliasView before = existing(address);
        List<Alias> rows = directory.setAlias(address, request.targets());
        AliasView after = AliasView.of(rows).get(0);
        audit.record(before == null ? "alias.create" : "alias.update", after.address(),
                rows.get(0).getDomain().getName(), before, after);
        return after;
    }

    @DELETE
    @Path("{address}")
    @Transactional(rollbackOn = DirectoryException.class)
    public Response delete(@PathParam("address") String address) throws DirectoryException {
        authorization.requireDomainOf(address);
        List<Alias> rows = directory.findAlias(address);
        AliasView before = AliasView.of(rows).get(0);
        directory.deleteAlias(address);
        audit.record("alias.delete", before.address(), rows.get(0).getDomain().getName(), before, null);
        return Response.noContent().build();
    }

    /** The alias as it is, or null; without a NOT_FOUND refusal, which would doom the request's transaction. */
    private AliasView existing(String address) throws DirectoryException {
        List<Alias> rows = directory.aliasRows(address);
        return rows.isEmpty() ? null : AliasView.of(rows).get(0);
    }
}
