package org.postilion.web.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.postilion.admin.AdminAccount;
import org.postilion.admin.AdminDirectory;
import org.postilion.directory.DirectoryException;
import org.postilion.security.PasswordHasher;
import org.postilion.web.Problem;
import org.postilion.web.api.Views.PasswordChange;
import org.postilion.web.api.Views.SessionView;
import org.postilion.web.api.Views.SignInRequest;
import org.postilion.web.security.Authorization;
import org.postilion.web.security.Caller;
import org.postilion.web.security.Roles;
import org.postilion.web.security.SessionGrant;
import org.postilion.web.security.SignIn;

/**
 * {@code /api/session}: an administrator's web session. {@code POST} signs in with a name and password and answers
 * who is signed in, with the anti-forgery token that requests changing something must send as
 * {@code X-CSRF-Token}; the session itself is a cookie. {@code GET} says who is signed in, {@code DELETE} signs
 * out, {@code PUT /api/session/password} changes one's own password (the current one is asked again).
 */
@RequestScoped
@Tag(name = "sign-in")
@Path("/session")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Inject
    private SignIn signIn;

    @Inject
    private AdminDirectory admins;

    @Inject
    private Authorization authorization;

    @Inject
    private AuditTrail audit;

    @Context
    private HttpServletRequest request;

    @POST
    @PermitAll
    public Response signIn(SignInRequest body) throws DirectoryException {
        if (body == null || body.name() == null || body.password() == null) {
            throw DirectoryException.invalid("a body {\"name\": ..., \"password\": ...} is required");
        }
        return answer(signIn.withPassword(request, new UsernamePasswordCredential(body.name(), body.password()),
                body.name()), "wrong name or password");
    }

    /** Answers a sign-in's outcome: who is signed in, 401, or 429. */
    static Response answer(SignIn.Outcome outcome, String denied) {
        if (outcome instanceof SignIn.SignedIn s) {
            return Response.ok(SessionView.of(s.caller())).build();
        }
        if (outcome instanceof SignIn.Throttled) {
            return Response.fromResponse(Problem.response(Response.Status.TOO_MANY_REQUESTS,
                    "too many failed sign-ins from this address or for this account; try again later"))
                    .header("Retry-After", "60").build();
        }
        return Problem.response(Response.Status.UNAUTHORIZED, denied);
    }

    @GET
    @PermitAll
    public Response whoAmI() {
        Caller c = (Caller) request.getAttribute(Caller.ATTRIBUTE);
        return c == null ? Problem.response(Response.Status.UNAUTHORIZED, "not signed in")
                : Response.ok(SessionView.of(c)).build();
    }

    @DELETE
    @PermitAll
    public Response signOut() {
        signIn.signOut(request);
        return Response.noContent().build();
    }

    @PUT
    @Path("password")
    @RolesAllowed({Roles.SERVER_ADMIN, Roles.DOMAIN_ADMIN})
    @Transactional(rollbackOn = DirectoryException.class)
    public Response changePassword(PasswordChange body) throws DirectoryException {
        if (body == null || body.currentPassword() == null || body.newPassword() == null) {
            throw DirectoryException.invalid("a body {\"currentPassword\": ..., \"newPassword\": ...} is required");
        }
        Caller c = authorization.caller();
        if (signIn.isThrottled(c.clientAddress(), c.name())) {
            return answer(new SignIn.Throttled(), null);
        }
        if (admins.verifyPassword(c.name(), body.currentPassword()).isEmpty()) {
            signIn.failed(c.clientAddress(), c.name());
            return Problem.response(Response.Status.FORBIDDEN, "the current password is wrong");
        }
        AdminAccount a = admins.setPassword(c.name(), body.newPassword());
        keepSession(request, PasswordHasher.fingerprint(a.getPasswordHash()));
        audit.record("admin.password", a.getName(), null, null, null);
        return Response.noContent().build();
    }

    /** This session goes on after its own password change; the account's other sessions end. */
    static void keepSession(HttpServletRequest request, String fingerprint) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SessionGrant.ATTRIBUTE) instanceof SessionGrant g) {
            session.setAttribute(SessionGrant.ATTRIBUTE, g.withFingerprint(fingerprint));
        }
    }
}
