/**
 * The administration API, under {@code /api}: domains, users, and what a user's mailboxes hold. JSON in and
 * out; every error is an RFC 9457 problem ({@code application/problem+json}) that says what went wrong.
 *
 * <p>SECURITY: XXX the API is not yet behind authentication (the administration issue adds it); it is served
 * on WildFly's HTTP port, which binds to 127.0.0.1 unless configured otherwise.
 */
package org.postilion.web.api;
