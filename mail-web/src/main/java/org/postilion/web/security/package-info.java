/**
 * Who may use the web module, with Jakarta Security as WildFly provides it: an HTTP authentication mechanism
 * ({@link org.postilion.web.security.PostilionAuthenticationMechanism}) and an identity store over Postilion's
 * own tables ({@link org.postilion.web.security.PostilionIdentityStore}); the passwords are the EJB tier's PBKDF2
 * credentials.
 *
 * <p>Callers: server admins (everything), domain admins (the domains granted to them), both by API token or web
 * session; mail users, by web session, for the self-service resources only. {@code web.xml} protects all of
 * {@code /api} but the sign-in doors; {@link org.postilion.web.security.AccessFilter} checks each resource
 * method's roles (a server admin where none are named) and the anti-forgery token;
 * {@link org.postilion.web.security.Authorization} limits domain admins to their domains (others answer 404).
 *
 * <p>SECURITY: web sessions are cookies only ({@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} over
 * HTTPS), renewed at sign-in, validated again on every request (a disabled or removed account or a changed
 * password ends them), and every state-changing request of a session must repeat its anti-forgery token. API
 * tokens are stored as SHA-256 only. Failed sign-ins and setup tokens are throttled per client address
 * and per account as SMTP AUTH is ({@link org.postilion.connector.spi.AuthThrottle}).
 *
 * <p>LIMITS: sessions end after 30 minutes idle; 10 failed attempts per address and 100 per account in 15
 * minutes ({@code postilion.auth.*}).
 */
package org.postilion.web.security;
