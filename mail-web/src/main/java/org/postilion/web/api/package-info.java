/**
 * The administration API, under {@code /api}: domains, users, aliases and what a user's mailboxes hold; the
 * administrators, their sessions and API tokens; the audit log; the first start's setup; and a mail user's own
 * password ({@code /api/self}). JSON in and out; every error is an RFC 9457 problem
 * ({@code application/problem+json}) that says what went wrong; every list is paged ({@code offset},
 * {@code limit}, the total in {@code X-Total-Count}).
 *
 * <p>SECURITY: every resource needs an authenticated caller unless marked {@code @PermitAll} (the sign-in doors),
 * and a server admin unless its {@code @RolesAllowed} says otherwise ({@link org.postilion.web.security}); domain
 * admins reach only their domains ({@code 404} for others, {@code 403} for server-wide resources). Every change is
 * written to the audit log in the transaction of the change ({@link org.postilion.web.api.AuditTrail}).
 */
package org.postilion.web.api;
