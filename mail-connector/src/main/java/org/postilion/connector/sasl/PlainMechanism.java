package org.postilion.connector.sasl;

import org.postilion.connector.sasl.SaslStep.Challenge;
import org.postilion.connector.sasl.SaslStep.Failure;
import org.postilion.connector.sasl.SaslStep.Failure.Reason;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * PLAIN (RFC 4616): one message, {@code [authzid] NUL authcid NUL passwd} in UTF-8, checked by the credential
 * source. Without an initial response the server first sends an empty challenge.
 *
 * <p>SECURITY: the password travels in the clear inside the TLS session; the protocol offers PLAIN only over TLS.
 * Proxy authorization is not supported: an authzid other than the authcid (compared case-insensitively after
 * SASLprep) fails as {@link Reason#CREDENTIALS} without asking the credential source.
 *
 * <p>LIMITS: the message is at most 4096 octets, the user name 255 characters and the password 1024; it has
 * exactly two NULs, and neither the authcid nor the password is empty.
 */
final class PlainMechanism implements SaslMechanism {

    static final String NAME = "PLAIN";

    private enum State { START, MESSAGE, VERIFYING, DONE }

    private final SaslCredentials credentials;
    private volatile State state = State.START;

    PlainMechanism(SaslCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompletionStage<SaslStep> respond(byte[] clientResponse) {
        State current = state;
        if (current == State.VERIFYING) {
            throw new IllegalStateException("respond called before the previous step completed");
        }
        if (current == State.DONE) {
            return CompletableFuture.completedFuture(end(new Failure(Reason.MALFORMED, "the exchange is over")));
        }
        if (current == State.START && clientResponse == null) {
            state = State.MESSAGE;
            return CompletableFuture.completedFuture(new Challenge(new byte[0]));
        }
        String user;
        String password;
        try {
            String[] parts = split(SaslInput.text(clientResponse));
            user = SaslInput.user(parts[1]);
            password = SaslInput.password(parts[2]);
            if (!parts[0].isEmpty() && !SaslInput.user(parts[0]).equalsIgnoreCase(user)) {
                throw new SaslRejection(Reason.CREDENTIALS, "proxy authorization is not supported");
            }
        } catch (SaslRejection e) {
            return CompletableFuture.completedFuture(end(e.failure()));
        }
        state = State.VERIFYING;
        return CredentialQuestions.verifyPassword(credentials, user, password).thenApply(this::end);
    }

    /** authzid, authcid and passwd. */
    private static String[] split(String message) throws SaslRejection {
        int first = message.indexOf('\0');
        int second = first < 0 ? -1 : message.indexOf('\0', first + 1);
        if (second < 0 || message.indexOf('\0', second + 1) >= 0) {
            throw SaslRejection.malformed("a PLAIN message has exactly two NULs");
        }
        return new String[] {message.substring(0, first), message.substring(first + 1, second),
                message.substring(second + 1)};
    }

    private SaslStep end(SaslStep step) {
        state = State.DONE;
        return step;
    }
}
