package org.postilion.admin;

import java.io.Serializable;
import java.util.Locale;
import java.util.Set;

/**
 * Who an authenticated administrator is, as read for one request: enough to authorize it without another
 * lookup.
 *
 * @param id          the account's id
 * @param name        the account's name
 * @param role        what the admin may do
 * @param domains     the granted domains (lower-case A-labels); empty for a server admin, who has all
 * @param fingerprint the fingerprint of the account's current password credential (a session made with an older
 *                    one is over)
 */
public record AdminIdentity(long id, String name, AdminRole role, Set<String> domains, String fingerprint)
        implements Serializable {

    public AdminIdentity {
        domains = Set.copyOf(domains);
    }

    public boolean isServerAdmin() {
        return role == AdminRole.SERVER_ADMIN;
    }

    /** Whether this admin may manage the domain (a server admin may manage every domain). */
    public boolean mayManage(String domain) {
        return isServerAdmin() || (domain != null && domains.contains(domain.toLowerCase(Locale.ROOT)));
    }
}
