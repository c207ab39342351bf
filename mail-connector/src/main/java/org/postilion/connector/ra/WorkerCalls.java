package org.postilion.connector.ra;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a blocking endpoint call on a worker thread, never on a socket's event loop. A failure of the call, or
 * no free worker, completes the stage with the protocol's "try later" answer instead of failing it, so that a
 * client is never refused for good because of an outage.
 */
final class WorkerCalls {

    private static final Logger LOG = Logger.getLogger(WorkerCalls.class.getName());

    private WorkerCalls() {
    }

    static <T> CompletionStage<T> call(Executor executor, Supplier<T> call, Function<Throwable, T> onFailure,
                                       String what) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(call.get());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, what + " failed", e);
                    result.complete(onFailure.apply(e));
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warning(() -> what + " not started: " + e.getMessage());
            result.complete(onFailure.apply(e));
        }
        return result;
    }
}
