package org.postilion.admin;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an admin may manage, and how roles are named. */
class AdminIdentityTest {

    @Test
    void aServerAdminManagesEveryDomain() {
        AdminIdentity root = new AdminIdentity(1, "root", AdminRole.SERVER_ADMIN, Set.of(), "f");
        assertTrue(root.mayManage("example.com"));
        assertTrue(root.mayManage("anything.test"));
    }

    @Test
    void aDomainAdminManagesTheGrantedDomainsInAnyCase() {
        AdminIdentity da = new AdminIdentity(2, "da", AdminRole.DOMAIN_ADMIN, Set.of("example.com"), "f");
        assertTrue(da.mayManage("example.com"));
        assertTrue(da.mayManage("EXAMPLE.COM"));
        assertFalse(da.mayManage("example.net"));
        assertFalse(da.mayManage("sub.example.com"), "a grant is one domain, not its subdomains");
        assertFalse(da.mayManage(null));
    }

    @Test
    void rolesAreParsedFromTheirGroupOrConstantName() {
        assertEquals(AdminRole.SERVER_ADMIN, AdminRole.parse("server-admin"));
        assertEquals(AdminRole.DOMAIN_ADMIN, AdminRole.parse(" Domain-Admin "));
        assertEquals(AdminRole.DOMAIN_ADMIN, AdminRole.parse("DOMAIN_ADMIN"));
        assertNull(AdminRole.parse("king"));
        assertNull(AdminRole.parse(null));
    }
}
