package org.postilion.web.api;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.postilion.admin.AdminAccount;
import org.postilion.admin.AdminBootstrap;
import org.postilion.directory.DirectoryException;
import org.postilion.web.Problem;
import org.postilion.web.api.Views.AdminView;
import org.postilion.web.api.Views.SetupRequest;
import org.postilion.web.api.Views.SetupStatus;
import org.postilion.web.security.SignIn;

/**
 * {@code /api/setup}: the first start, when no administrator exists and none was configured. {@code GET} says
 * whether the setup is open; {@code POST} with the setup token from the server log, a name and a password makes
 * the first server admin, after which the setup is closed for good. Wrong tokens are throttled like sign-ins.
 */
@RequestScoped
@Tag(name = "sign-in")
@Path("/setup")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SetupResource {

    @Inject
    private AdminBootstrap bootstrap;

    @Inject
    private SignIn signIn;

    @Inject
    private AuditTrail audit;

    @Context
    private HttpServletRequest request;

    @GET
    @PermitAll
    public SetupStatus status() {
        return new SetupStatus(bootstrap.isSetupOpen());
    }

    @POST
    @PermitAll
    @Transactional(rollbackOn = DirectoryException.class)
    public Response setup(SetupRequest body, @Context UriInfo uri) throws DirectoryException {
        if (body == null || body.token() == null || body.name() == null || body.password() == null) {
            throw DirectoryException.invalid("a body {\"token\": ..., \"name\": ..., \"password\": ...} is required");
        }
        String client = request.getRemoteAddr();
        if (signIn.isThrottled(client, null)) {
            return SessionResource.answer(new SignIn.Throttled(), null);
        }
        AdminAccount admin = bootstrap.setup(body.token(), body.name(), body.password());
        if (admin == null) {
            signIn.failed(client, null);
            return Problem.response(Response.Status.FORBIDDEN, "wrong setup token, or the setup is closed");
        }
        AdminView view = AdminView.of(admin);
        audit.recordSetup(admin.getName(), client, view);
        return Response.created(uri.getBaseUriBuilder().path("admins").path(admin.getName()).build())
                .entity(view).build();
    }
}
