package org.postilion.connector.sasl;

import org.postilion.connector.sasl.SaslStep.Failure;
import org.postilion.connector.sasl.SaslStep.Failure.Reason;

/**
 * Thrown by the parsers when a client response is refused; the mechanism turns it into its {@link Failure}.
 * An expected outcome of hostile input, so it carries no stack trace.
 */
final class SaslRejection extends Exception {

    private final Failure failure;

    SaslRejection(Reason reason, String detail) {
        super(detail, null, false, false);
        this.failure = new Failure(reason, detail);
    }

    static SaslRejection malformed(String detail) {
        return new SaslRejection(Reason.MALFORMED, detail);
    }

    Failure failure() {
        return failure;
    }
}
