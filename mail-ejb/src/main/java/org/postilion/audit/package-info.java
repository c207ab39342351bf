/**
 * The audit log of administration: one {@link org.postilion.audit.AuditEntry} per change made through the API
 * (who, how authenticated, from which address, what, to what, the state before and after as JSON), written in
 * the same transaction as the change. Entries are never changed; a domain admin reads those of their domains.
 *
 * <p>LIMITS: each state is kept up to 16000 characters (longer ones are cut and marked with "…").
 */
package org.postilion.audit;
