package org.postilion.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.postilion.audit.AuditRecord.Via;
import org.postilion.web.Problem;


/**
 * Who each request to the web module is (Jakarta Security's HTTP authentication mechanism), in this order:
 * <ol>
 *   <li>{@code Authorization: Bearer <token>}: an admin's API token, for scripts; a token that is unknown,
 *       revoked or expired is answered {@code 401} at once. Token failures are not throttled: a token is 256
 *       random bits, which no rate of guessing finds, and checking one costs an indexed lookup, not a KDF; and a
 *       script stuck on a revoked token must not lock its whole office out;</li>
 *   <li>a web session begun by signing in ({@code POST /api/session}, or {@code /api/self/session} for a mail
 *       user): its {@link SessionGrant} is validated again, so a disabled or removed account, or a changed
 *       password, ends the session on its next request;</li>
 *   <li>otherwise the request is anonymous, and a protected resource ({@code web.xml}: all of {@code /api} but the
 *       sign-in doors) is answered {@code 401} with a problem body.</li>
 * </ol>
 * The {@link Caller} is left as a request attribute for the access checks ({@link AccessFilter}) and the audit
 * log. Other {@code Authorization} schemes (Basic) are not accepted: scripts use tokens.
 */
@ApplicationScoped
public class PostilionAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String BEARER = "Bearer ";
    static final String CHALLENGE = "Bearer realm=\"postilion\"";

    @Inject
    private IdentityStoreHandler identities;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            CredentialValidationResult result = identities.validate(
                    new Credentials.Token(authorization.substring(BEARER.length()).strip()));
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return login(request, context, result, Via.TOKEN, null);
            }
            return refuse(request, response, context, "the API token is not valid (unknown, revoked or expired)");
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SessionGrant.ATTRIBUTE) instanceof SessionGrant grant) {
            CredentialValidationResult result = identities.validate(new Credentials.Session(grant));
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return login(request, context, result, Via.SESSION, grant.csrfToken());
            }
            // the account was disabled or removed, or its password changed since the sign-in
            session.invalidate();
        }
        if (context.isProtected()) {
            return refuse(request, response, context,
                    "sign in (POST /api/session), or send an API token as Authorization: Bearer <token>");
        }
        return context.doNothing();
    }

    private static AuthenticationStatus login(HttpServletRequest request, HttpMessageContext context,
                                              CredentialValidationResult result, Via via, String csrfToken) {
        PostilionPrincipal p = (PostilionPrincipal) result.getCallerPrincipal();
        request.setAttribute(Caller.ATTRIBUTE,
                new Caller(p.kind(), p.getName(), p.admin(), via, request.getRemoteAddr(), csrfToken));
        return context.notifyContainerAboutLogin(result);
    }

    /**
     * Fails the request with a 401: the container answers it through its error page ({@code ErrorPageServlet}),
     * which writes the problem with this detail; nothing behind the mechanism runs.
     */
    private static AuthenticationStatus refuse(HttpServletRequest request, HttpServletResponse response,
                                               HttpMessageContext context, String detail) {
        response.setHeader("WWW-Authenticate", CHALLENGE);
        request.setAttribute(Problem.DETAIL_ATTRIBUTE, detail);
        return context.responseUnauthorized();
    }
}
