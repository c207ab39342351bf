/**
 * The administrators, apart from the mail users: {@link org.postilion.admin.AdminAccount}s with a role (server
 * admin: everything; domain admin: the granted domains), the {@link org.postilion.admin.ApiToken}s they make for
 * scripts, and the first start's bootstrap ({@link org.postilion.admin.AdminBootstrap}). The web tier
 * authenticates requests through {@link org.postilion.admin.AdminDirectory} and decides what each may do from
 * the {@link org.postilion.admin.AdminIdentity} it returns.
 *
 * <p>SECURITY: passwords are PBKDF2 credentials, as mail users' are; tokens are stored as their SHA-256 only;
 * there is no default password (a configured one, or a one-time setup token printed to the log); the last
 * enabled server admin cannot be demoted, disabled or removed.
 */
package org.postilion.admin;
