package org.postilion.connector.spi;

/** The answer to {@link MailIntakeListener#accept}. */
public sealed interface IntakeVerdict permits IntakeVerdict.Queued, IntakeVerdict.Rejected, IntakeVerdict.TryLater {

    IntakeVerdict QUEUED = new Queued();

    /** The message is durable; the client may forget it. */
    record Queued() implements IntakeVerdict {
    }

    /** The message is refused for good (a policy decision on its content). */
    record Rejected(String detail) implements IntakeVerdict {
    }

    /** The message could not be made durable now; the client keeps it and tries again. */
    record TryLater(String detail) implements IntakeVerdict {
    }
}
