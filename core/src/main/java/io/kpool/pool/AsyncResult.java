package io.kpool.pool;

import io.kpool.core.KpoolException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The result of a task submitted with {@code applyAsync} (Python's {@code AsyncResult}).
 *
 * @param <R> the result type
 */
public final class AsyncResult<R> {
    private final Supplier<String> description;
    private final CompletableFuture<R> future;

    /**
     * @param description names the task(s), for error messages
     * @param future completes with the result, or exceptionally with a {@link KpoolException}
     */
    public AsyncResult(String description, CompletableFuture<R> future) {
        this(() -> description, future);
    }

    /**
     * @param description names the task(s), for error messages; asked only when one is written
     * @param future completes with the result, or exceptionally with a {@link KpoolException}
     */
    public AsyncResult(Supplier<String> description, CompletableFuture<R> future) {
        this.description = description;
        this.future = future;
    }

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
    public R get(Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TaskTimeoutException("No result for " + description.get() + " within " + timeout);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (CancellationException e) {
            throw new KpoolException(description.get() + " was cancelled", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpoolException("Interrupted while waiting for " + description.get(), e);
        }
    }

    /** @return true once the result (or the failure) is here */
    public boolean ready() {
        return future.isDone();
    }

    /**
     * @return true if the task completed without error
     * @throws IllegalStateException if it is not ready yet (as Python's {@code ValueError})
     */
    public boolean successful() {
        if (!future.isDone()) {
            throw new IllegalStateException(description.get() + " is not ready");
        }
        return !future.isCompletedExceptionally();
    }

    /**
     * Waits until the result is ready or the timeout passes, without throwing the task's error.
     *
     * @param timeout how long to wait
     * @return true if it is ready
     */
    public boolean waitFor(Duration timeout) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException | CancellationException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    /** @return the result as a stage, for composing with other asynchronous code */
    public CompletionStage<R> toCompletionStage() {
        return future.minimalCompletionStage();
    }

    private static KpoolException unwrap(Throwable cause) {
        Throwable actual = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        return actual instanceof KpoolException kpool ? kpool : new KpoolException(actual.getMessage(), actual);
    }
}
