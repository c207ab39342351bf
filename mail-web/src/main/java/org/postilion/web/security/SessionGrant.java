package org.postilion.web.security;

import java.io.Serializable;

/**
 * What a web session remembers of its sign-in, and checks again on every request: whose it is and the
 * fingerprint of their password credential at the time (a changed password, a disabled or removed account ends
 * the session), and the session's anti-forgery token.
 *
 * @param kind        an administrator or a mail user
 * @param id          the account's id
 * @param name        the admin's name or the mail user's address
 * @param fingerprint the password credential's fingerprint when the session began
 * @param csrfToken   the random token requests that change something must send as {@code X-CSRF-Token}
 */
public record SessionGrant(Caller.Kind kind, long id, String name, String fingerprint, String csrfToken)
        implements Serializable {

    /** The session attribute holding the grant. */
    public static final String ATTRIBUTE = SessionGrant.class.getName();

    public SessionGrant withFingerprint(String newFingerprint) {
        return new SessionGrant(kind, id, name, newFingerprint, csrfToken);
    }

    @Override
    public String toString() {
        return "SessionGrant[" + kind + " " + name + "]";
    }
}
