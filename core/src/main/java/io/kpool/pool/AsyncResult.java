package io.kpool.pool;

import io.kpool.core.KpoolException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The result of a task submitted with {@code applyAsync} (Python's {@code AsyncResult}). Only a
 * {@link Pool} makes them.
 *
 * @param <R> the result type
 */
public interface AsyncResult<R> {

    /**
     * Waits for the result.
     *
     * @param timeout how long to wait
     * @return the result
     * @throws TaskTimeoutException if it has not come within {@code timeout}; the task goes on, a
     *     later {@code get} may still return it
     * @throws RemoteTaskException if the task failed on the worker
     * @throws KpoolException if it could not be submitted, was terminated or timed out in the pool
     */
    R get(Duration timeout);

    /** @return true once the result (or the failure) is here */
    boolean ready();

    /**
     * @return true if the task completed without error
     * @throws IllegalStateException if it is not ready yet (as Python's {@code ValueError})
     */
    boolean successful();

    /**
     * Waits until the result is ready or the timeout passes, without throwing the task's error.
     *
     * @param timeout how long to wait
     * @return true if it is ready
     */
    boolean waitFor(Duration timeout);

    /** @return the result as a stage, for composing with other asynchronous code */
    CompletionStage<R> toCompletionStage();

    /**
     * @return where the task is: PENDING, RETRY (an attempt failed, another is due), SUCCESS or FAILURE;
     *     results of several tasks (the map family) know no RETRY
     */
    TaskState state();

    /**
     * @return the attempts the task has made as far as this client has heard: 0 before any news, the failed
     *     attempts while in RETRY, every attempt once it finished (1 if it succeeded at once)
     */
    int attempts();
}
