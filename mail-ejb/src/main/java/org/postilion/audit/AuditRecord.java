package org.postilion.audit;

import java.util.Objects;

/**
 * A change to write into the audit log.
 *
 * @param actor         who made it: an admin's name, or a mail user's address for their own password
 * @param via           how they proved it
 * @param clientAddress the IP address the request came from
 * @param action        what was done, as {@code object.verb} ({@code user.create}, {@code alias.delete}, ...)
 * @param target        what it was done to (an address, a domain, an admin's name)
 * @param domain        the hosted domain the change concerns, or null for server-wide changes
 * @param before        the state before, as JSON; null for a creation
 * @param after         the state after, as JSON; null for a removal
 */
public record AuditRecord(String actor, Via via, String clientAddress, String action, String target, String domain,
                          String before, String after) {

    /** How the actor authenticated. */
    public enum Via {
        /** a web session (the console) */
        SESSION,
        /** an API token */
        TOKEN,
        /** the first start's setup token */
        SETUP
    }

    public AuditRecord {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
    }
}
