package org.postilion.admin;

/**
 * What an administrator may do. The names of the constants are stored; {@link #group()} is the role name the web
 * tier's security checks use.
 */
public enum AdminRole {
    /** Everything: all domains, admin accounts, the queue and the audit log of the whole server. */
    SERVER_ADMIN("server-admin"),
    /** The granted domains only: their users, aliases, settings, DNS records, queue entries and audit entries. */
    DOMAIN_ADMIN("domain-admin");

    private final String group;

    AdminRole(String group) {
        this.group = group;
    }

    public String group() {
        return group;
    }

    /** The role named by {@link #group()} or by the constant's name, in any case; null for anything else. */
    public static AdminRole parse(String name) {
        if (name == null) {
            return null;
        }
        for (AdminRole r : values()) {
            if (r.group.equalsIgnoreCase(name.strip()) || r.name().equalsIgnoreCase(name.strip())) {
                return r;
            }
        }
        return null;
    }
}
