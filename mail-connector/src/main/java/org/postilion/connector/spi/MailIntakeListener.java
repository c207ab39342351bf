package org.postilion.connector.spi;

/**
 * Takes a message that a client finished sending, and makes it durable.
 *
 * <p>The connector tells the client {@code 250 2.0.0 Ok: queued as <id>} only after {@link #accept} returned
 * {@link IntakeVerdict.Queued}: an implementation must not return it before the message (envelope and
 * content) survives a crash of the server. Any exception is answered as a temporary failure, so that the
 * client keeps its copy and tries again.
 */
public interface MailIntakeListener {

    IntakeVerdict accept(Envelope envelope, MessageContent content);
}
