package org.postilion.connector.spi;

/** The answer to {@link MailIntakeListener#accept}. */
public sealed interface IntakeVerdict permits IntakeVerdict.Queued, IntakeVerdict.Rejected, IntakeVerdict.TryLater {

    IntakeVerdict QUEUED = new Queued();

    /** The message is durable; the client may forget it. */
    record Queued() implements IntakeVerdict {
    }

    /** The message is refused for good; the connector words the reply from the reason. */
    record Rejected(Reason reason, String detail) implements IntakeVerdict {
    }

    /** The message could not be made durable now; the client keeps it and tries again. */
    record TryLater(String detail) implements IntakeVerdict {
    }

    /** Why a message is refused. */
    enum Reason {
        /** a From: address the authenticated user may not use (553 5.7.1) */
        FROM_NOT_OWNED,
        /** the header is unusable: no From:, or one that cannot be parsed (550 5.6.0) */
        BAD_HEADER,
        /** any other policy decision on the content (554 5.7.1) */
        POLICY
    }
}
