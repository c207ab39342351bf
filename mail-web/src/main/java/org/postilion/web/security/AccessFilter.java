package org.postilion.web.security;

import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.postilion.audit.AuditRecord.Via;
import org.postilion.web.Problem;

import java.lang.reflect.Method;
import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Who may call each resource method, decided once for all of them before any runs. Deny by default:
 * <ul>
 *   <li>{@code @PermitAll}: anyone (the sign-in doors; they check what they need themselves);</li>
 *   <li>{@code @RolesAllowed}: a caller with one of the roles ({@code server-admin}, {@code domain-admin},
 *       {@code mail-user});</li>
 *   <li>neither: a server admin only.</li>
 * </ul>
 * An anonymous caller gets {@code 401}, a caller without the role {@code 403}. Which domains a domain admin may
 * touch is the resources' part ({@link Authorization}).
 *
 * <p>SECURITY: a request that changes something (any method but GET, HEAD, OPTIONS) and is authenticated by a web
 * session must carry the session's anti-forgery token in {@code X-CSRF-Token}, and its {@code Origin}, when sent,
 * must be the server's own; API tokens are not sent by browsers on their own, so they need neither.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AccessFilter implements ContainerRequestFilter {

    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Context
    private ResourceInfo resource;

    @Context
    private HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
        if (isPublic(method)) {
            return;
        }
        if (caller == null) {
            context.abortWith(Problem.response(Response.Status.UNAUTHORIZED, "sign in, or send an API token"));
            return;
        }
        if (!allowedRoles(method).contains(caller.role())) {
            context.abortWith(Problem.response(Response.Status.FORBIDDEN,
                    caller.name() + " (" + caller.role() + ") may not do this"));
            return;
        }
        if (caller.via() == Via.SESSION && !SAFE_METHODS.contains(context.getMethod())) {
            String problem = forgeryProblem(caller.csrfToken(), context.getHeaderString(CSRF_HEADER),
                    context.getHeaderString("Origin"), context.getHeaderString("Host"));
            if (problem != null) {
                context.abortWith(Problem.response(Response.Status.FORBIDDEN, problem));
            }
        }
    }

    private boolean isPublic(Method method) {
        return method.isAnnotationPresent(PermitAll.class)
                || (!method.isAnnotationPresent(RolesAllowed.class)
                && resource.getResourceClass().isAnnotationPresent(PermitAll.class));
    }

    private Set<String> allowedRoles(Method method) {
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null) {
            roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        return roles == null ? Set.of(Roles.SERVER_ADMIN) : Set.copyOf(Arrays.asList(roles.value()));
    }

    /**
     * Why a state-changing request of a web session looks forged, or null when it does not.
     *
     * @param expected the session's anti-forgery token
     * @param token    the request's {@value #CSRF_HEADER}, or null
     * @param origin   the request's {@code Origin}, or null
     * @param host     the request's {@code Host}, or null
     */
    static String forgeryProblem(String expected, String token, String origin, String host) {
        if (token == null || expected == null || !MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            return "missing or wrong " + CSRF_HEADER + " header (the csrfToken given at sign-in)";
        }
        if (origin != null && !origin.equals("null") && host != null) {
            try {
                URI o = URI.create(origin);
                if (o.getHost() == null) {
                    return "a request with a malformed Origin";
                }
                String originHost = o.getHost() + (o.getPort() < 0 ? "" : ":" + o.getPort());
                if (!originHost.equalsIgnoreCase(host) && !o.getHost().equalsIgnoreCase(host)) {
                    return "a request from another site (Origin " + origin + ")";
                }
            } catch (IllegalArgumentException e) {
                return "a request with a malformed Origin";
            }
        } else if ("null".equals(origin)) {
            return "a request from an opaque origin";
        }
        return null;
    }
}
