package io.kpool.pool.internal.client;

import io.kpool.core.KpoolException;
import io.kpool.pool.AsyncResult;
import io.kpool.pool.TaskState;
import io.kpool.pool.TaskTimeoutException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The {@link AsyncResult} the pool hands out: a read-only view of a future that completes with the
 * result, or exceptionally with a {@link KpoolException}.
 *
 * @param <R> the result type
 */
final class FutureResult<R> implements AsyncResult<R> {
    private final Supplier<String> description;
    private final CompletableFuture<R> future;
    private final IntSupplier attempts;

    /**
     * @param description names the task(s), for error messages
     * @param future completes with the result, or exceptionally with a {@link KpoolException}
     */
    FutureResult(String description, CompletableFuture<R> future) {
        this(() -> description, future, () -> 0);
    }

    /**
     * @param description names the task(s), for error messages; asked only when one is written
     * @param future completes with the result, or exceptionally with a {@link KpoolException}
     * @param attempts the attempts heard of so far (0: none)
     */
    FutureResult(Supplier<String> description, CompletableFuture<R> future, IntSupplier attempts) {
        this.description = description;
        this.future = future;
        this.attempts = attempts;
    }

    @Override
    public TaskState state() {
        if (future.isDone()) {
            return future.isCompletedExceptionally() ? TaskState.FAILURE : TaskState.SUCCESS;
        }
        return attempts.getAsInt() > 0 ? TaskState.RETRY : TaskState.PENDING;
    }

    @Override
    public int attempts() {
        return attempts.getAsInt();
    }

    @Override
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

    @Override
    public boolean ready() {
        return future.isDone();
    }

    @Override
    public boolean successful() {
        if (!future.isDone()) {
            throw new IllegalStateException(description.get() + " is not ready");
        }
        return !future.isCompletedExceptionally();
    }

    @Override
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

    @Override
    public CompletionStage<R> toCompletionStage() {
        return future.minimalCompletionStage();
    }

    private static KpoolException unwrap(Throwable cause) {
        Throwable actual = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        return actual instanceof KpoolException kpool ? kpool : new KpoolException(actual.getMessage(), actual);
    }
}
