package org.postilion.connector.spi;

/**
 * Acceptance policy for SMTP, asked at MAIL and RCPT time. An implementation that cannot decide (the directory
 * is unavailable) answers "try later", never a rejection.
 */
public interface SmtpPolicyListener {

    /**
     * Decides MAIL FROM. On the MX a sender is accepted; on submission it must belong to the authenticated user
     * (the user's own address or one of its aliases), else {@link SenderVerdict.Reason#NOT_OWNED}.
     */
    SenderVerdict checkSender(SenderCheck check);

    /**
     * Decides RCPT TO: a user or alias of a hosted domain, or, for a client allowed to relay (authenticated),
     * any address.
     */
    RcptVerdict checkRecipient(RecipientCheck check);
}
