package org.postilion.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import org.postilion.directory.DirectoryException;
import org.postilion.directory.DirectoryService;
import org.postilion.web.api.Views.AliasView;
import org.postilion.web.api.Views.NewAlias;

import java.util.List;

/**
 * {@code /api/aliases}: addresses that forward to other addresses. {@code @example.com} is the domain's
 * catch-all, which takes mail for every address of the domain that is neither a user nor an alias.
 */
@RequestScoped
@Path("/aliases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AliasesResource {

    @Inject
    private DirectoryService directory;

    /** All aliases, or those of one domain ({@code ?domain=example.com}). */
    @GET
    public List<AliasView> list(@QueryParam("domain") String domain) throws DirectoryException {
        return AliasView.of(directory.listAliases(domain));
    }

    @POST
    public Response create(NewAlias request, @Context UriInfo uri) throws DirectoryException {
        if (request == null) {
            throw DirectoryException.invalid("a body {\"address\": ..., \"targets\": [...]} is required");
        }
        AliasView view = AliasView.of(directory.createAlias(request.address(), request.targets())).get(0);
        return Response.created(uri.getAbsolutePathBuilder().path(view.address()).build()).entity(view).build();
    }

    @GET
    @Path("{address}")
    public AliasView get(@PathParam("address") String address) throws DirectoryException {
        return AliasView.of(directory.findAlias(address)).get(0);
    }

    /** Sets the alias's targets, creating it if needed. */
    @PUT
    @Path("{address}")
    public AliasView put(@PathParam("address") String address, NewAlias request) throws DirectoryException {
        if (request == null) {
            throw DirectoryException.invalid("a body {\"targets\": [...]} is required");
        }
        return AliasView.of(directory.setAlias(address, request.targets())).get(0);
    }

    @DELETE
    @Path("{address}")
    public Response delete(@PathParam("address") String address) throws DirectoryException {
        directory.deleteAlias(address);
        return Response.noContent().build();
    }
}
