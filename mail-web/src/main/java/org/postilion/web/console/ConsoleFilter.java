package org.postilion.web.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;

/**
 * The console's HTTP headers, and its front door: {@code /} redirects to {@code /console/}.
 *
 * <p>SECURITY: every response under {@code /console/} carries {@link #HEADERS}: a Content-Security-Policy that
 * lets the pages load scripts, styles, images and API calls from this server only, with no inline script or
 * style, no plugins, no {@code <base>} and no framing ({@code frame-ancestors 'none'}, and {@code X-Frame-Options}
 * for older browsers); {@code nosniff}; no {@code Referer} leaving the console (its URLs name users and domains).
 * The files are revalidated on every load ({@code no-cache}), so a new deployment is never mixed with cached
 * modules of the old one. The API's own responses are left as they are.
 */
@WebFilter(filterName = "console", urlPatterns = "/*")
public class ConsoleFilter extends HttpFilter {

    public static final String PREFIX = "/console/";

    /** What the pages may load: this server's files and API only. */
    public static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    public static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Cache-Control", "no-cache");

    private static final long serialVersionUID = 1L;

    /** What a request path (below the context root) gets from this filter. */
    enum Treatment { REDIRECT, HEADERS, NONE }

    static Treatment treatment(String path) {
        if (path.isEmpty() || path.equals("/")) {
            return Treatment.REDIRECT;
        }
        if (path.equals("/console") || path.startsWith(PREFIX)) {
            return Treatment.HEADERS;
        }
        return Treatment.NONE;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        switch (treatment(path)) {
            case REDIRECT -> {
                response.setHeader("Cache-Control", "no-cache");
                response.sendRedirect(request.getContextPath() + PREFIX);
            }
            case HEADERS -> {
                HEADERS.forEach(response::setHeader);
                chain.doFilter(request, response);
            }
            case NONE -> chain.doFilter(request, response);
        }
    }
}
