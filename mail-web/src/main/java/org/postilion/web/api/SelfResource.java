package org.postilion.web.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Password;
import jakarta.servlet.http.HttpServletRequest;
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
import org.postilion.connector.spi.AuthVerdict;
import org.postilion.directory.Account;
import org.postilion.directory.DirectoryException;
import org.postilion.directory.DirectoryService;
import org.postilion.security.Authenticator;
import org.postilion.security.PasswordHasher;
import org.postilion.web.Problem;
import org.postilion.web.api.Views.MailUserSignIn;
import org.postilion.web.api.Views.NewAppPassword;
import org.postilion.web.api.Views.PasswordChange;
import org.postilion.web.api.Views.SessionView;
import org.postilion.web.security.Authorization;
import org.postilion.web.security.Caller;
import org.postilion.web.security.Credentials;
import org.postilion.web.security.Roles;
import org.postilion.web.security.SignIn;

/**
 * {@code /api/self}: the self-service resources of a mail user, signed in with their mail address and password
 * ({@code POST /api/self/session}): who am I, changing one's own password (the help desk's most frequent request),
 * and one's app passwords. A mail user's session reaches nothing else of the API.
 */
@RequestScoped
@Tag(name = "self-service")
@Path("/self")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SelfResource {

    @Inject
    private SignIn signIn;

    @Inject
    private Authenticator authenticator;

    @Inject
    private DirectoryService directory;

    @Inject
    private Authorization authorization;

    @Inject
    private AuditTrail audit;

    @Inject
    private UserAppPasswords appPasswords;

    @Context
    private HttpServletRequest request;

    @POST
    @Path("session")
    @PermitAll
    public Response signIn(MailUserSignIn body) throws DirectoryException {
        if (body == null || body.address() == null || body.password() == null) {
            throw DirectoryException.invalid("a body {\"address\": ..., \"password\": ...} is required");
        }
        return SessionResource.answer(signIn.withPassword(request,
                new Credentials.MailUser(body.address(), new Password(body.password())), body.address()),
                "wrong address or password");
    }

    @DELETE
    @Path("session")
    @PermitAll
    public Response signOut() {
        signIn.signOut(request);
        return Response.noContent().build();
    }

    @GET
    @RolesAllowed(Roles.MAIL_USER)
    public SessionView whoAmI() {
        return SessionView.of(authorization.caller());
    }

    @GET
    @Path("app-passwords")
    @RolesAllowed(Roles.MAIL_USER)
    public Response appPasswords(@QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit)
            throws DirectoryException {
        return appPasswords.list(me(), offset, limit);
    }

    /** Makes one of the user's own app passwords; the answer shows it once. */
    @POST
    @Path("app-passwords")
    @RolesAllowed(Roles.MAIL_USER)
    @Transactional(rollbackOn = DirectoryException.class)
    public Response createAppPassword(NewAppPassword request, @Context UriInfo uri) throws DirectoryException {
        return appPasswords.create(me(), request, uri);
    }

    @DELETE
    @Path("app-passwords/{id}")
    @RolesAllowed(Roles.MAIL_USER)
    @Transactional(rollbackOn = DirectoryException.class)
    public Response revokeAppPassword(@PathParam("id") long id) throws DirectoryException {
        return appPasswords.revoke(me(), id);
    }

    private Account me() throws DirectoryException {
        return directory.findAccount(authorization.caller().name());
    }

    @PUT
    @Path("password")
    @RolesAllowed(Roles.MAIL_USER)
    @Transactional(rollbackOn = DirectoryException.class)
    public Response changePassword(PasswordChange body) throws DirectoryException {
        if (body == null || body.currentPassword() == null || body.newPassword() == null) {
            throw DirectoryException.invalid("a body {\"currentPassword\": ..., \"newPassword\": ...} is required");
        }
        Caller c = authorization.caller();
        if (signIn.isThrottled(c.clientAddress(), c.name())) {
            return SessionResource.answer(new SignIn.Throttled(), null);
        }
        if (!(authenticator.verifyPassword(c.name(), body.currentPassword(), Authenticator.WEB)
                instanceof AuthVerdict.Authenticated)) {
            signIn.failed(c.clientAddress(), c.name());
            return Problem.response(Response.Status.FORBIDDEN, "the current password is wrong");
        }
        Account a = directory.setPassword(c.name(), body.newPassword());
        SessionResource.keepSession(request, PasswordHasher.fingerprint(a.getPasswordHash()));
        audit.record("user.password", a.getAddress(), a.getDomain().getName(), null, null);
        return Response.noContent().build();
    }
}
