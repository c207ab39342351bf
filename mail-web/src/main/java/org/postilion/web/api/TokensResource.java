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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.postilion.admin.AdminDirectory;
import org.postilion.admin.ApiToken;
import org.postilion.admin.IssuedToken;
import org.postilion.audit.AuditRecord.Via;
import org.postilion.directory.DirectoryException;
import org.postilion.web.Problem;
import org.postilion.web.api.Views.IssuedTokenView;
import org.postilion.web.api.Views.NewToken;
import org.postilion.web.api.Views.TokenView;
import org.postilion.web.security.Authorization;
import org.postilion.web.security.Caller;
import org.postilion.web.security.Roles;

/**
 * {@code /api/tokens}: the caller's own API tokens, for scripts ({@code Authorization: Bearer <token>}). A new token
 * is shown once, in the answer to its {@code POST}; lists show its name and first characters only. Tokens are made
 * from a signed-in web session, not with another token, so a leaked token cannot make itself successors;
 * revoking works either way. Server admins revoke other admins' tokens under {@code /api/admins/{name}/tokens}.
 */
@RequestScoped
@Tag(name = "administrators")
@Path("/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SERVER_ADMIN, Roles.DOMAIN_ADMIN})
public class TokensResource {

    @Inject
    private AdminDirectory admins;

    @Inject
    private Authorization authorization;

    @Inject
    private AuditTrail audit;

    @GET
    public Response list(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit)
            throws DirectoryException {
        String me = authorization.caller().name();
        return Paging.of(offset, limit).of(admins.tokens(me).stream().map(t -> TokenView.of(t, me)).toList());
    }

    @POST
    @Transactional(rollbackOn = DirectoryException.class)
    public Response create(NewToken body, @Context UriInfo uri) throws DirectoryException {
        Caller c = authorization.caller();
        if (c.via() != Via.SESSION) {
            return Problem.response(Response.Status.FORBIDDEN, "tokens are made from a signed-in session, not with a token");
        }
        if (body == null) {
            throw DirectoryException.invalid("a body {\"name\": ..., \"expiresAt\": ...} is required");
        }
        IssuedToken issued = admins.createToken(c.name(), body.name(), body.expiresAt());
        ApiToken t = issued.token();
        audit.record("token.create", c.name() + "/" + t.getName(), null, null, TokenView.of(t, c.name()));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(t.getId())).build())
                .entity(new IssuedTokenView(t.getId(), t.getName(), t.getPrefix(), c.name(), t.getCreatedAt(),
                        t.getExpiresAt(), issued.secret()))
                .build();
    }

    @DELETE
    @Path("{id}")
    @Transactional(rollbackOn = DirectoryException.class)
    public Response revoke(@PathParam("id") long id) throws DirectoryException {
        String me = authorization.caller().name();
        ApiToken t = admins.revokeToken(me, id);
        audit.record("token.revoke", me + "/" + t.getName(), null, TokenView.of(t, me), null);
        return Response.noContent().build();
    }
}
