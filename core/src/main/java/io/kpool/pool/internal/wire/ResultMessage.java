package io.kpool.pool.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The value of a result record ({@link ResultWire} writes and reads it): {@code {"id", "status",
 * "result", "error", "worker", "startedAt", "finishedAt", "runMicros"}}.
 *
 * @param id the task's id
 * @param status SUCCESS or FAILURE
 * @param result the task's return value (SUCCESS)
 * @param error what went wrong (FAILURE)
 * @param worker which worker ran it
 * @param startedAt when it started, ISO-8601 (kept as text: nothing on the hot path parses it)
 * @param finishedAt when it finished, ISO-8601
 * @param runMicros how long the task ran, in microseconds (clients learn from it which tasks are quick)
 * @param retries the task's attempts, if it failed at least once; null otherwise
 */
public record ResultMessage(String id, Status status, JsonNode result, Error error, String worker, String startedAt, String finishedAt,
                     Long runMicros, Retries retries) {
    /** Whether the task returned, threw for good, or threw and will be tried again (RETRY: not the final result). */
    public enum Status { SUCCESS, FAILURE, RETRY }

    /**
     * A task's attempts as its result reports them: {@code "attempts"}, {@code "retryAt"}, {@code "history"}.
     *
     * @param attempts the attempts made, this one included
     * @param retryAt when the next attempt is due (RETRY), ISO-8601; null otherwise
     * @param history its failed attempts, oldest first
     */
    public record Retries(int attempts, String retryAt, List<Attempts.Failure> history) {
        /** Copies the history. */
        public Retries {
            history = history == null ? List.of() : List.copyOf(history);
        }
    }

    /**
     * A result of a task that did not fail before.
     *
     * @param id the task's id
     * @param status SUCCESS or FAILURE
     * @param result its value
     * @param error its error
     * @param worker the worker
     * @param startedAt when it started
     * @param finishedAt when it finished
     * @param runMicros how long it ran
     */
    public ResultMessage(String id, Status status, JsonNode result, Error error, String worker, String startedAt, String finishedAt,
                         Long runMicros) {
        this(id, status, result, error, worker, startedAt, finishedAt, runMicros, null);
    }

    /**
     * @param type the exception's class name
     * @param message its message
     * @param remoteStack its stack trace as text
     */
    public record Error(String type, String message, String remoteStack) {
    }

    /** Rejects a result no client could use. */
    public ResultMessage {
        if (id == null || id.isBlank() || status == null) {
            throw new IllegalArgumentException("result message needs \"id\" and \"status\"");
        }
        if (status != Status.SUCCESS && error == null) {
            error = new Error("unknown", "the worker reported a failure without details", null);
        }
    }

    /** @return this result with its worker and times filled in where it has none of its own */
    public ResultMessage withDefaults(String defaultWorker, String defaultStartedAt, String defaultFinishedAt) {
        return new ResultMessage(id, status, result, error, worker != null ? worker : defaultWorker,
                startedAt != null ? startedAt : defaultStartedAt, finishedAt != null ? finishedAt : defaultFinishedAt, runMicros, retries);
    }

    /** @return this result reporting these attempts */
    public ResultMessage withRetries(Retries value) {
        return new ResultMessage(id, status, result, error, worker, startedAt, finishedAt, runMicros, value);
    }
}
