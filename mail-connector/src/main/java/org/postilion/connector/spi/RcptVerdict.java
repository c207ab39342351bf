package org.postilion.connector.spi;

/**
 * The answer to a {@link RecipientCheck}. Temporary and permanent failures are different answers: a
 * directory that cannot be read is {@link TryLater} (451), never a {@link Reject} (5xx).
 */
public sealed interface RcptVerdict permits RcptVerdict.Accept, RcptVerdict.Reject, RcptVerdict.TryLater,
        RcptVerdict.Limited {

    RcptVerdict LOCAL = new Accept(true);
    RcptVerdict RELAY = new Accept(false);

    /** The recipient is accepted; {@code local} tells whether it is delivered here or relayed. */
    record Accept(boolean local) implements RcptVerdict {
    }

    /** The recipient is refused for good. */
    record Reject(Reason reason) implements RcptVerdict {
    }

    /** The recipient cannot be decided now; the client should try again later. */
    record TryLater(String detail) implements RcptVerdict {
    }

    /** The authenticated user sent to too many recipients lately (451 4.7.1); the detail says what. */
    record Limited(String detail) implements RcptVerdict {
    }

    /** Why a recipient is refused; the connector words the reply. */
    enum Reason {
        /** the domain is hosted here but has no such user or alias (550 5.1.1) */
        NO_SUCH_USER,
        /** the address is hosted here, but its mailbox (or its whole domain) is disabled (550 5.2.1) */
        DISABLED,
        /** the domain is not hosted here and the client may not relay (554 5.7.1) */
        RELAY_DENIED,
        /** the address is not acceptable as a recipient, e.g. an address literal of another host (550 5.1.2) */
        BAD_DESTINATION
    }
}
