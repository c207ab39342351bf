package org.postilion.web.security;

/** The role names of {@code @RolesAllowed} on the resources (and of web.xml). */
public final class Roles {

    public static final String SERVER_ADMIN = "server-admin";
    public static final String DOMAIN_ADMIN = "domain-admin";
    public static final String MAIL_USER = Caller.MAIL_USER;

    private Roles() {
    }
}
