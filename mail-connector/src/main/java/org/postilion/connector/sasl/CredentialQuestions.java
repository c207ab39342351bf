package org.postilion.connector.sasl;

import org.postilion.connector.sasl.SaslStep.Failure;
import org.postilion.connector.sasl.SaslStep.Failure.Reason;
import org.postilion.connector.spi.AuthVerdict;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Asks the {@link SaslCredentials} and turns its answer into a step, so that no failure of the credential source
 * reaches the protocol as an exception: whatever goes wrong there is {@link Reason#TEMPORARY}.
 */
final class CredentialQuestions {

    private CredentialQuestions() {
    }

    /**
     * @param question the call to the credential source
     * @param answer   the step for any verdict but {@link AuthVerdict.TryLater}, which is handled here
     */
    static CompletionStage<SaslStep> ask(Supplier<CompletionStage<AuthVerdict>> question,
                                         Function<AuthVerdict, SaslStep> answer) {
        CompletionStage<AuthVerdict> stage;
        try {
            stage = question.get();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(temporary("credential source failed: " + e));
        }
        if (stage == null) {
            return CompletableFuture.completedFuture(temporary("credential source answered no stage"));
        }
        return stage.handle((verdict, error) -> {
            if (error != null) {
                return temporary("credential source failed: " + error);
            }
            if (verdict == null) {
                return temporary("credential source answered no verdict");
            }
            if (verdict instanceof AuthVerdict.TryLater later) {
                return temporary("credential source cannot answer now: " + later.detail());
            }
            try {
                return answer.apply(verdict);
            } catch (RuntimeException e) {
                return temporary("unusable answer from the credential source: " + e);
            }
        });
    }

    /** Checks a password: {@link SaslStep.Success} with the canonical name, or a failure. */
    static CompletionStage<SaslStep> verifyPassword(SaslCredentials credentials, String user, String password) {
        return ask(() -> credentials.verifyPassword(user, password), verdict -> {
            if (verdict instanceof AuthVerdict.Authenticated authenticated) {
                return new SaslStep.Success(canonical(authenticated.user()), null);
            }
            if (verdict instanceof AuthVerdict.Denied) {
                return new Failure(Reason.CREDENTIALS, "authentication failed");
            }
            return unexpected(verdict);
        });
    }

    static Failure temporary(String detail) {
        return new Failure(Reason.TEMPORARY, detail);
    }

    /** For a verdict the question does not expect: a fault in the credential source, not the client's. */
    static Failure unexpected(AuthVerdict verdict) {
        return temporary("unexpected verdict " + verdict.getClass().getSimpleName());
    }

    /** The canonical name of an {@link AuthVerdict.Authenticated} or {@link AuthVerdict.Scram}, checked. */
    static String canonical(String user) {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("no canonical user name");
        }
        return user;
    }
}
