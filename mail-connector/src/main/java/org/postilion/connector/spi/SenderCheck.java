package org.postilion.connector.spi;

/**
 * One MAIL FROM to decide.
 *
 * @param sender  the reverse-path; null for the null path {@code <>}
 * @param session the client asking (its authenticated user, if any)
 */
public record SenderCheck(MailAddress sender, SessionInfo session) {
}
