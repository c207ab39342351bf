package org.postilion.web.security;

import org.junit.jupiter.api.Test;
import org.postilion.admin.AdminRole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The anti-forgery check of state-changing requests made by a web session. */
class AccessFilterTest {

    private static final String TOKEN = "kX3mQ9-session-token";

    @Test
    void theSessionsTokenFromTheSameOriginPasses() {
        assertNull(AccessFilter.forgeryProblem(TOKEN, TOKEN, "https://mail.example.com", "mail.example.com"));
        assertNull(AccessFilter.forgeryProblem(TOKEN, TOKEN, "http://127.0.0.1:8080", "127.0.0.1:8080"));
        assertNull(AccessFilter.forgeryProblem(TOKEN, TOKEN, null, "127.0.0.1:8080"), "no Origin: token alone");
    }

    @Test
    void aMissingOrWrongTokenIsRefused() {
        assertTrue(AccessFilter.forgeryProblem(TOKEN, null, null, "h").contains("X-CSRF-Token"));
        assertTrue(AccessFilter.forgeryProblem(TOKEN, "", null, "h").contains("X-CSRF-Token"));
        assertTrue(AccessFilter.forgeryProblem(TOKEN, TOKEN + "x", null, "h").contains("X-CSRF-Token"));
        assertTrue(AccessFilter.forgeryProblem(null, TOKEN, null, "h").contains("X-CSRF-Token"),
                "a session without a token accepts none");
    }

    @Test
    void anotherSitesOriginIsRefusedEvenWithTheToken() {
        assertTrue(AccessFilter.forgeryProblem(TOKEN, TOKEN, "https://evil.example", "mail.example.com")
                .contains("another site"));
        assertTrue(AccessFilter.forgeryProblem(TOKEN, TOKEN, "http://127.0.0.1:9999", "127.0.0.1:8080")
                .contains("another site"));
        assertTrue(AccessFilter.forgeryProblem(TOKEN, TOKEN, "null", "h").contains("opaque"));
        assertTrue(AccessFilter.forgeryProblem(TOKEN, TOKEN, "not a uri at all", "h").contains("malformed"));
    }

    @Test
    void roleNamesMatchTheAdminRoles() {
        assertEquals(AdminRole.SERVER_ADMIN.group(), Roles.SERVER_ADMIN);
        assertEquals(AdminRole.DOMAIN_ADMIN.group(), Roles.DOMAIN_ADMIN);
    }
}
