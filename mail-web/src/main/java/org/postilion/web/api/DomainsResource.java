package org.postilion.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.postilion.directory.DirectoryException;
import org.postilion.directory.DirectoryService;
import org.postilion.directory.Domain;
import org.postilion.web.api.Views.DomainView;
import org.postilion.web.api.Views.NewDomain;

import java.util.List;

/** {@code /api/domains}: the hosted domains. */
@RequestScoped
@Path("/domains")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DomainsResource {

    @Inject
    private DirectoryService directory;

    @GET
    public List<DomainView> list() {
        return directory.listDomains().stream().map(DomainView::of).toList();
    }

    @POST
    public Response create(NewDomain request, @Context UriInfo uri) throws DirectoryException {
        if (request == null) {
            throw DirectoryException.invalid("a body {\"name\": ...} is required");
        }
        Domain d = directory.createDomain(request.name());
        return Response.created(uri.getAbsolutePathBuilder().path(d.getName()).build())
                .entity(DomainView.of(d)).build();
    }

    @GET
    @Path("{name}")
    public DomainView get(@PathParam("name") String name) throws DirectoryException {
        return directory.listDomains().stream()
                .filter(d -> d.getName().equalsIgnoreCase(name))
                .findFirst().map(DomainView::of)
                .orElseThrow(() -> DirectoryException.notFound("no domain " + name));
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) throws DirectoryException {
        directory.deleteDomain(name);
        return Response.noContent().build();
    }
}
