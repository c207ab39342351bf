package org.postilion.web.security;

import org.postilion.admin.AdminIdentity;
import org.postilion.audit.AuditRecord.Via;

import java.util.Objects;

/**
 * Who a request comes from, once the authentication mechanism has established it; kept as a request attribute
 * for the access checks and the audit log.
 *
 * @param kind          an administrator or a mail user
 * @param name          the admin's name or the mail user's address
 * @param admin         the admin's role and grants; null for a mail user
 * @param via           how the request proved it: a web session or an API token
 * @param clientAddress the address the request came from
 * @param csrfToken     the session's anti-forgery token (requests that change something must repeat it); null for
 *                      a token
 */
public record Caller(Kind kind, String name, AdminIdentity admin, Via via, String clientAddress, String csrfToken) {

    /** The request attribute holding the caller. */
    public static final String ATTRIBUTE = Caller.class.getName();

    /** The role name of a mail user signed in to the self-service pages. */
    public static final String MAIL_USER = "mail-user";

    public enum Kind {
        ADMIN, MAIL_USER
    }

    public Caller {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(via, "via");
        if ((kind == Kind.ADMIN) != (admin != null)) {
            throw new IllegalArgumentException("an admin caller, and only one, has an admin identity");
        }
    }

    /** The role name the access checks compare with {@code @RolesAllowed}. */
    public String role() {
        return kind == Kind.ADMIN ? admin.role().group() : MAIL_USER;
    }

    public boolean isServerAdmin() {
        return admin != null && admin.isServerAdmin();
    }
}
