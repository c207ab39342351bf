package org.postilion.connector.spi;

/**
 * Decides at RCPT time whether a recipient is accepted: a user or alias of a hosted domain, or, for a client
 * allowed to relay, any address. An implementation that cannot decide (the directory is unavailable) answers
 * {@link RcptVerdict.TryLater}, never a rejection.
 */
public interface RecipientCheckListener {

    RcptVerdict check(RecipientCheck check);
}
