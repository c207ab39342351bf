package org.postilion.web.api;

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
import org.postilion.admin.AdminAccount;
import org.postilion.admin.AdminDirectory;
import org.postilion.admin.AdminRole;
import org.postilion.admin.ApiToken;
import org.postilion.directory.DirectoryException;
import org.postilion.web.api.Views.AdminUpdate;
import org.postilion.web.api.Views.AdminView;
import org.postilion.web.api.Views.NewAdmin;
import org.postilion.web.api.Views.PasswordChange;
import org.postilion.web.api.Views.TokenView;

/**
 * {@code /api/admins}: the administrator accounts, for server admins only. A domain admin has a list of domains;
 * disabling an admin, or changing their password, ends their web sessions at once (their tokens stop working
 * while they are disabled); removing one removes their tokens. The last enabled server admin stays.
 */
@RequestScoped
@Tag(name = "administrators")
@Path("/admins")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminsResource {

    @Inject
    private AdminDirectory admins;

    @Inject
    private AuditTrail audit;

    @GET
    public Response list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit)
            throws DirectoryException {
        return Paging.of(offset, limit).of(admins.list().stream().map(AdminView::of).toList());
    }

    @POST
    @Transactional(rollbackOn = DirectoryException.class)
    public Response create(NewAdmin body, @Context UriInfo uri) throws DirectoryException {
        if (body == null) {
            throw DirectoryException.invalid("a body {\"name\": ..., \"password\": ..., \"role\": ..., \"domains\": [...]}"
                    + " is required");
        }
        AdminAccount a = admins.create(body.name(), body.password(), role(body.role(), true), body.domains());
        AdminView view = AdminView.of(a);
        audit.record("admin.create", a.getName(), null, null, view);
        return Response.created(uri.getAbsolutePathBuilder().path(a.getName()).build()).entity(view).build();
    }

    @GET
    @Path("{name}")
    public AdminView get(@PathParam("name") String name) throws DirectoryException {
        return AdminView.of(admins.find(name));
    }

    @PUT
    @Path("{name}")
    @Transactional(rollbackOn = DirectoryException.class)
    public AdminView update(@PathParam("name") String name, AdminUpdate body) throws DirectoryException {
        if (body == null) {
            throw DirectoryException.invalid("a body {\"role\": ..., \"domains\": [...], \"enabled\": ...} is required");
        }
        AdminView before = AdminView.of(admins.find(name));
        AdminView after = AdminView.of(admins.update(name, role(body.role(), false), body.domains(), body.enabled()));
        audit.record("admin.update", after.name(), null, before, after);
        return after;
    }

    /** Sets another admin's password (only {@code newPassword} is read). */
    @PUT
    @Path("{name}/password")
    @Transactional(rollbackOn = DirectoryException.class)
    public Response setPassword(@PathParam("name") String name, PasswordChange body) throws DirectoryException {
        if (body == null || body.newPassword() == null) {
            throw DirectoryException.invalid("a body {\"newPassword\": ...} is required");
        }
        AdminAccount a = admins.setPassword(name, body.newPassword());
        audit.record("admin.password", a.getName(), null, null, null);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{name}")
    @Transactional(rollbackOn = DirectoryException.class)
    public Response delete(@PathParam("name") String name) throws DirectoryException {
        AdminView before = AdminView.of(admins.find(name));
        admins.delete(name);
        audit.record("admin.delete", before.name(), null, before, null);
        return Response.noContent().build();
    }

    /** Another admin's tokens (never the tokens themselves). */
    @GET
    @Path("{name}/tokens")
    public Response tokens(@PathParam("name") String name, @QueryParam("offset") Integer offset,
                           @QueryParam("limit") Integer limit) throws DirectoryException {
        String admin = admins.find(name).getName();
        return Paging.of(offset, limit).of(admins.tokens(admin).stream().map(t -> TokenView.of(t, admin)).toList());
    }

    @DELETE
    @Path("{name}/tokens/{id}")
    @Transactional(rollbackOn = DirectoryException.class)
    public Response revokeToken(@PathParam("name") String name, @PathParam("id") long id) throws DirectoryException {
        String admin = admins.find(name).getName();
        ApiToken t = admins.revokeToken(admin, id);
        audit.record("token.revoke", admin + "/" + t.getName(), null, TokenView.of(t, admin), null);
        return Response.noContent().build();
    }

    private static AdminRole role(String name, boolean required) throws DirectoryException {
        if (name == null && !required) {
            return null;
        }
        AdminRole role = AdminRole.parse(name);
        if (role == null) {
            throw DirectoryException.invalid("role is server-admin or domain-admin");
        }
        return role;
    }
}
