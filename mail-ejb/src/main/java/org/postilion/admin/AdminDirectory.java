package org.postilion.admin;

import org.postilion.directory.DirectoryException;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The administrators: their accounts, how they prove who they are (password, API token, an existing web
 * session), and the tokens they make for scripts. Refusals are {@link DirectoryException}s, as for the rest of
 * the directory.
 */
public interface AdminDirectory {

    /**
     * The admin whose name and password these are, if enabled; records the time of the login. An unknown name
     * costs the same work as a wrong password.
     */
    Optional<AdminIdentity> verifyPassword(String name, String password);

    /** The admin a bearer token acts for, if the token exists, has not expired and its admin is enabled. */
    Optional<AdminIdentity> verifyToken(String token);

    /**
     * The admin of a web session, if still enabled and with the same password credential as when the session
     * began (a changed password ends older sessions).
     */
    Optional<AdminIdentity> verifySession(long id, String fingerprint);

    /** How many admin accounts exist (none: the first start's setup is open). */
    long count();

    /**
     * Creates the first server admin, only while no admin exists (the first start's bootstrap).
     *
     * @throws DirectoryException CONFLICT when an admin exists already; INVALID for a bad name or password
     */
    AdminAccount createFirst(String name, String password) throws DirectoryException;

    List<AdminAccount> list();

    AdminAccount find(String name) throws DirectoryException;

    /**
     * Adds an admin.
     *
     * @param domains the granted domains, for a domain admin (at least one); must be empty for a server admin
     */
    AdminAccount create(String name, String password, AdminRole role, Collection<String> domains)
            throws DirectoryException;

    /**
     * Changes an admin's role, grants or state; a null argument leaves that part as it is. The last enabled server
     * admin cannot be demoted or disabled.
     */
    AdminAccount update(String name, AdminRole role, Collection<String> domains, Boolean enabled)
            throws DirectoryException;

    /** Sets a new password (checked against the password policy); sessions made with the old one end. */
    AdminAccount setPassword(String name, String password) throws DirectoryException;

    /** Removes an admin with its tokens; the last enabled server admin cannot be removed. */
    void delete(String name) throws DirectoryException;

    /**
     * Makes a named token for an admin.
     *
     * @param expiresAt when it stops working, or null for never
     */
    IssuedToken createToken(String admin, String tokenName, Instant expiresAt) throws DirectoryException;

    List<ApiToken> tokens(String admin) throws DirectoryException;

    /** Revokes one of the admin's tokens: it stops working at once. */
    ApiToken revokeToken(String admin, long tokenId) throws DirectoryException;
}
