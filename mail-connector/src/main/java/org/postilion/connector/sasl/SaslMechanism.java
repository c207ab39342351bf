package org.postilion.connector.sasl;

import java.util.concurrent.CompletionStage;

/**
 * The server side of one SASL exchange (RFC 4422 section 3): stateful, used once, not thread-safe.
 *
 * <p>The protocol calls {@link #respond} with each client response, decoded from base64, and acts on the step
 * the stage completes with. It must not call {@code respond} again before that stage has completed (doing so is
 * a programming error: {@link IllegalStateException}); the stage may complete on another thread, so the
 * protocol hands the step back to its own thread before writing. The exchange ends with the first
 * {@link SaslStep.Success} or {@link SaslStep.Failure}; a response after that gets a
 * {@link SaslStep.Failure.Reason#MALFORMED} failure. Malformed input never throws.
 */
public interface SaslMechanism {

    /** The registered name, upper case, as advertised: {@code SCRAM-SHA-256}, {@code PLAIN}, {@code LOGIN}. */
    String name();

    /**
     * Takes the next client response.
     *
     * @param clientResponse the decoded response; on the first call the initial response, which is {@code null}
     *                       when the client sent none and empty when it sent {@code =} (RFC 4954 section 4)
     * @return the next step; the stage never completes exceptionally
     */
    CompletionStage<SaslStep> respond(byte[] clientResponse);
}
