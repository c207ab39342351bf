/**
 * The web console: static files under {@code /console/} (HTML, ES modules, one style sheet; see
 * {@code docs/adr/0005-admin-console.md}) that call the admin API in {@code /api} from the browser, and the one
 * piece of Java they need, {@link org.postilion.web.console.ConsoleFilter}: the pages' security headers and the
 * redirect from {@code /} to the console.
 *
 * <p>SECURITY: the files hold no data and are public; every datum comes from the API, which needs a signed-in
 * session ({@code POST /api/session} for admins, {@code POST /api/self/session} for mail users). The pages run
 * under a Content-Security-Policy that allows scripts, styles and requests from this server only (no inline
 * script or style, no framing), and build the page from API data as DOM text, never as HTML.
 */
package org.postilion.web.console;
