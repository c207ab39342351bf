/**
 * Acceptance policy for the protocols: which recipients a client may give, and who may relay.
 *
 * <p>SECURITY: never an open relay. A recipient outside the hosted domains is accepted only from a client
 * allowed to relay (an authenticated one); everyone else gets {@code 554 5.7.1}. A recipient whose address
 * cannot be resolved now is deferred ({@code 451 4.3.0}), never refused for good.
 */
package org.postilion.policy;
