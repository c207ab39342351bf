package org.postilion.connector.sasl;

import org.postilion.connector.sasl.SaslStep.Challenge;
import org.postilion.connector.sasl.SaslStep.Failure;
import org.postilion.connector.sasl.SaslStep.Failure.Reason;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * LOGIN (draft-murchison-sasl-login-00, obsolete but still sent by many clients): the server challenges
 * {@code Username:} and then {@code Password:}, each answered with the bare UTF-8 value. An initial response,
 * which some clients send, is the user name, and the server goes on with {@code Password:}.
 *
 * <p>SECURITY: as PLAIN, the password travels in the clear inside the TLS session; offered only over TLS.
 *
 * <p>LIMITS: each response is at most 4096 octets; the user name 255 characters, the password 1024, neither
 * empty, neither holding control characters (SASLprep refuses them).
 */
final class LoginMechanism implements SaslMechanism {

    static final String NAME = "LOGIN";

    private static final byte[] USERNAME = "Username:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);

    private enum State { START, USER, PASSWORD, VERIFYING, DONE }

    private final SaslCredentials credentials;
    private volatile State state = State.START;
    private String user;

    LoginMechanism(SaslCredentials credentials) {
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
            state = State.USER;
            return CompletableFuture.completedFuture(new Challenge(USERNAME));
        }
        try {
            if (current != State.PASSWORD) {
                user = SaslInput.user(SaslInput.text(clientResponse));
                state = State.PASSWORD;
                return CompletableFuture.completedFuture(new Challenge(PASSWORD));
            }
            String password = SaslInput.password(SaslInput.text(clientResponse));
            state = State.VERIFYING;
            return CredentialQuestions.verifyPassword(credentials, user, password).thenApply(this::end);
        } catch (SaslRejection e) {
            return CompletableFuture.completedFuture(end(e.failure()));
        }
    }

    private SaslStep end(SaslStep step) {
        state = State.DONE;
        return step;
    }
}
