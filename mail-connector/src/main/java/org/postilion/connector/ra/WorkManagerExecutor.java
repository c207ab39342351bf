package org.postilion.connector.ra;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks on the resource adapter's work manager (the server's threads, sized by its bootstrap context),
 * as the connector specification asks of resource adapters instead of threads of their own.
 */
final class WorkManagerExecutor implements Executor {

    private final WorkManager workManager;

    WorkManagerExecutor(WorkManager workManager) {
        this.workManager = workManager;
    }

    @Override
    public void execute(Runnable task) {
        try {
            workManager.scheduleWork(new Work() {
                @Override
                public void run() {
                    task.run();
                }

                @Override
                public void release() {
                    // the tasks are short calls; there is nothing to interrupt
                }
            });
        } catch (WorkException e) {
            throw new RejectedExecutionException("work manager refused a task", e);
        }
    }
}
