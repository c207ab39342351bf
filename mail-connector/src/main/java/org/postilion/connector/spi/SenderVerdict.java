package org.postilion.connector.spi;

/** The answer to a {@link SenderCheck}. */
public sealed interface SenderVerdict permits SenderVerdict.Accept, SenderVerdict.Reject, SenderVerdict.TryLater,
        SenderVerdict.Limited {

    SenderVerdict ACCEPT = new Accept();

    record Accept() implements SenderVerdict {
    }

    record Reject(Reason reason) implements SenderVerdict {
    }

    record TryLater(String detail) implements SenderVerdict {
    }

    /** The authenticated user sent too much lately (451 4.7.1); the detail says what. */
    record Limited(String detail) implements SenderVerdict {
    }

    /** Why a sender is refused; the connector words the reply. */
    enum Reason {
        /** the authenticated user may not send as this address (553 5.7.1) */
        NOT_OWNED
    }
}
