package org.postilion.web.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The administration API's root, and the description WildFly's MicroProfile OpenAPI serves at {@code /openapi}
 * (with the paths, parameters and bodies it reads from the resources).
 */
@ApplicationPath("/api")
@OpenAPIDefinition(
        info = @Info(title = "Postilion administration API", version = "1",
                description = "Domains, users, aliases, administrators, tokens, the audit log and the server's health. "
                        + "JSON in and out; errors are RFC 9457 problems (application/problem+json); lists are paged "
                        + "with offset and limit, the total in X-Total-Count."),
        security = {@SecurityRequirement(name = "token"), @SecurityRequirement(name = "session")},
        tags = {
            @Tag(name = "sign-in", description = "Sessions, the first start's setup"),
            @Tag(name = "domains", description = "Hosted domains, their settings and what they hold"),
            @Tag(name = "users", description = "Mail users, their mailboxes, messages and app passwords"),
            @Tag(name = "aliases", description = "Aliases and catch-alls"),
            @Tag(name = "administrators", description = "Admin accounts and API tokens"),
            @Tag(name = "audit", description = "Who changed what"),
            @Tag(name = "self-service", description = "A mail user's own password and app passwords"),
            @Tag(name = "queue", description = "The outbound queue and each message's trace"),
            @Tag(name = "operations", description = "Health of the node, metrics")
        })
@SecuritySchemes({
    @SecurityScheme(securitySchemeName = "token", type = SecuritySchemeType.HTTP, scheme = "bearer",
            description = "An API token (POST /api/tokens), as Authorization: Bearer pst_..."),
    @SecurityScheme(securitySchemeName = "session", type = SecuritySchemeType.APIKEY,
            apiKeyName = "POSTILION_SESSION", in = org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn.COOKIE,
            description = "The console's session cookie (POST /api/session); requests that change something also "
                    + "send X-CSRF-Token")
})
public class AdminApi extends Application {
}
