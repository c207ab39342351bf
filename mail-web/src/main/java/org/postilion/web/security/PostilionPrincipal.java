package org.postilion.web.security;

import jakarta.security.enterprise.CallerPrincipal;
import org.postilion.admin.AdminIdentity;

/**
 * The principal {@link PostilionIdentityStore} returns: the caller's name, with what the mechanism needs to
 * build the {@link Caller} and, at sign-in, the session's grant.
 */
public final class PostilionPrincipal extends CallerPrincipal {

    private static final long serialVersionUID = 1L;

    private final Caller.Kind kind;
    private final long id;
    private final AdminIdentity admin;
    private final String fingerprint;

    PostilionPrincipal(Caller.Kind kind, long id, String name, AdminIdentity admin, String fingerprint) {
        super(name);
        this.kind = kind;
        this.id = id;
        this.admin = admin;
        this.fingerprint = fingerprint;
    }

    public Caller.Kind kind() {
        return kind;
    }

    public long id() {
        return id;
    }

    /** The admin's role and grants; null for a mail user. */
    public AdminIdentity admin() {
        return admin;
    }

    public String fingerprint() {
        return fingerprint;
    }
}
