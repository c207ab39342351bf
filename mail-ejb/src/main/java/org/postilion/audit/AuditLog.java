package org.postilion.audit;

import java.util.List;

/**
 * The audit log: every change made through the administration API, with who made it, from where, and the state
 * before and after. The caller writes its entry in the transaction of the change, so that either both are kept
 * or neither.
 */
public interface AuditLog {

    void record(AuditRecord record);

    /** Entries matching the query, newest first, and how many match in all. */
    Page list(AuditQuery query);

    /**
     * One page of entries.
     *
     * @param entries the entries of the page
     * @param total   how many entries match the query in all
     */
    record Page(List<AuditEntry> entries, long total) {
    }
}
