package org.postilion.connector.spi;

/**
 * One RCPT TO to decide.
 *
 * @param recipient   the recipient, parsed
 * @param reversePath the transaction's sender; null for the null reverse-path {@code <>}
 * @param session     the client asking
 */
public record RecipientCheck(MailAddress recipient, MailAddress reversePath, SessionInfo session) {
}
