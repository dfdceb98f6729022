package io.kpool.pool.internal.client;

import com.fasterxml.jackson.databind.JavaType;
import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.Json;
import io.kpool.pool.RemoteTaskException;
import io.kpool.pool.internal.wire.Attempts;
import io.kpool.pool.internal.wire.ResultMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A submitted task waiting for its result, and the future its caller holds: the reply thread
 * completes it and hands its callbacks to the callback thread. One object per task, kept small:
 * a client may hold a million of them.
 *
 * @param <R> the result type
 */
final class PendingTask<R> extends CompletableFuture<R> {
    private final TaskIds ids;
    private final long sequence;
    private final String task;
    private final JavaType type;
    private final Consumer<? super R> callback;
    private final Consumer<? super KpoolException> errorCallback;
    private final long deadlineNanos;
    private volatile int attempts;

    PendingTask(TaskIds ids, long sequence, String task, JavaType type, Consumer<? super R> callback,
                Consumer<? super KpoolException> errorCallback, long deadlineNanos) {
        this.ids = ids;
        this.sequence = sequence;
        this.task = task;
        this.type = type;
        this.callback = callback;
        this.errorCallback = errorCallback;
        this.deadlineNanos = deadlineNanos;
    }

    /** @return the task's id on the wire */
    String id() {
        return ids.id(sequence);
    }

    /** @return the client's number for it: the key of its pending entry */
    long sequence() {
        return sequence;
    }

    String task() {
        return task;
    }

    /** @return the task as error messages name it */
    String describe() {
        return "task '" + task + "' (" + id() + ")";
    }

    /** @return the attempts heard of: failed ones while retrying, all of them once finished; 0 before any news */
    int attempts() {
        return attempts;
    }

    /** Notes a RETRY notice: {@code failed} attempts have failed and another is due. */
    void retrying(int failed) {
        if (!isDone() && failed > attempts) {
            attempts = failed;
        }
    }

    boolean expired(long nowNanos) {
        return deadlineNanos != 0 && nowNanos - deadlineNanos >= 0;
    }

    /**
     * @param result the result message
     * @return the callback to run on the callback thread, or null (also if the task was already completed)
     */
    Runnable resolve(ResultMessage result) {
        ResultMessage.Retries retries = result.retries();
        attempts = retries == null ? 1 : retries.attempts();
        if (result.status() == ResultMessage.Status.FAILURE) {
            ResultMessage.Error error = result.error();
            return fail(new RemoteTaskException(id(), task, error.type(), error.message(), error.remoteStack(), attempts,
                    retries == null ? List.of() : retries.history().stream().map(Attempts.Failure::describe).toList()));
        }
        R value;
        try {
            value = Json.fromTree(result.result(), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return fail(new KpoolException("The result of " + describe() + " cannot be read as " + type.toCanonical() + ": "
                    + e.getMessage(), e));
        }
        if (!complete(value)) {
            return null; // already failed (timed out or terminated): its one callback has been handed out
        }
        return callback == null ? null : () -> callback.accept(value);
    }

    /**
     * @param failure why the task failed
     * @return the error callback to run on the callback thread, or null (also if the task was already
     *     completed: a task runs at most one of its callbacks, once)
     */
    Runnable fail(KpoolException failure) {
        if (!completeExceptionally(failure)) {
            return null;
        }
        return errorCallback == null ? null : () -> errorCallback.accept(failure);
    }
}
