package org.postilion.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.postilion.audit.AuditLog;
import org.postilion.audit.AuditRecord;
import org.postilion.web.security.Authorization;
import org.postilion.web.security.Caller;

/**
 * Writes the audit entry of a change the request made, in the request's transaction (the resource method is
 * {@code @Transactional}): who the caller is, how it authenticated, its address, and the states before and after
 * as the API's own JSON views, so that an entry reads like the API's answers.
 */
@RequestScoped
public class AuditTrail {

    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    private AuditLog log;

    @Inject
    private Authorization authorization;

    /**
     * @param action what was done ({@code user.create})
     * @param target what it was done to
     * @param domain the hosted domain concerned, or null for a server-wide change
     * @param before the view before the change, or null
     * @param after  the view after the change, or null
     */
    public void record(String action, String target, String domain, Object before, Object after) {
        Caller c = authorization.caller();
        log.record(new AuditRecord(c.name(), c.via(), c.clientAddress(), action, target, domain, json(before),
                json(after)));
    }

    /** For the first start's setup, which has no caller yet. */
    public void recordSetup(String admin, String clientAddress, Object after) {
        log.record(new AuditRecord(admin, AuditRecord.Via.SETUP, clientAddress, "admin.create", admin, null, null,
                json(after)));
    }

    private static String json(Object view) {
        return view == null ? null : JSON.toJson(view);
    }
}
