package org.postilion.audit;

import java.time.Instant;
import java.util.Set;

/**
 * Which audit entries to list, newest first. Null fields do not filter.
 *
 * @param actor   entries by this actor
 * @param action  entries of this action, or of a family ({@code user.} for every user action)
 * @param target  entries whose target contains this text (any case)
 * @param since   entries at or after this time
 * @param until   entries before this time
 * @param domains only entries of these domains (a domain admin's view); null for every entry
 * @param offset  entries to skip
 * @param limit   entries to return at most
 */
public record AuditQuery(String actor, String action, String target, Instant since, Instant until,
                         Set<String> domains, int offset, int limit) {
}
