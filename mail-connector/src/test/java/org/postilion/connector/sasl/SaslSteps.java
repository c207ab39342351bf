package org.postilion.connector.sasl;

import org.postilion.connector.sasl.SaslStep.Challenge;
import org.postilion.connector.sasl.SaslStep.Failure;
import org.postilion.connector.sasl.SaslStep.Success;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Small helpers for the mechanism tests: awaiting steps and reading them. */
final class SaslSteps {

    private SaslSteps() {
    }

    static SaslStep await(CompletionStage<SaslStep> stage) {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("the step did not complete normally", e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The challenge's data as UTF-8 text. */
    static String challenge(SaslStep step) {
        return new String(assertInstanceOf(Challenge.class, step).data(), StandardCharsets.UTF_8);
    }

    static Success success(SaslStep step) {
        return assertInstanceOf(Success.class, step);
    }

    static Failure failure(Failure.Reason reason, SaslStep step) {
        Failure failure = assertInstanceOf(Failure.class, step);
        assertEquals(reason, failure.reason(), failure.detail());
        return failure;
    }
}
