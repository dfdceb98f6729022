package io.kpool.pool;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A task's latest state as the pool's state topic stores it (Celery's task states), read by id from any JVM
 * with {@link Pool#result(String)}.
 *
 * @param id the task's id
 * @param status where it is
 * @param task the task's name; null while PENDING
 * @param worker the worker that recorded the state; null while PENDING
 * @param at when the state was recorded, ISO-8601; null while PENDING
 * @param result the value (SUCCESS); null otherwise
 * @param errorType the error's class name (FAILURE, EXPIRED, RETRY); null otherwise
 * @param errorMessage the error's message; may be null
 * @param errorStack the error's stack trace as text; may be null
 * @param runMicros how long the task ran (SUCCESS, FAILURE); null otherwise
 */
public record StoredTaskState(String id, Status status, String task, String worker, String at, JsonNode result, String errorType,
                        String errorMessage, String errorStack, Long runMicros) {
    /** A task's states. */
    public enum Status {
        /** No state recorded: unknown id, not taken by a worker yet, forgotten, or expired from the state topic. */
        PENDING,
        /** A worker is running it. */
        STARTED,
        /** It failed and will run again. */
        RETRY,
        /** It returned. */
        SUCCESS,
        /** It failed for good. */
        FAILURE,
        /** It expired before a worker started it; it did not run. */
        EXPIRED;

        /** @return true if the task will not change state any more (SUCCESS, FAILURE, EXPIRED) */
        public boolean finished() {
            return this == SUCCESS || this == FAILURE || this == EXPIRED;
        }
    }

    /** Checks the id and status. */
    public StoredTaskState {
        if (id == null || id.isBlank() || status == null) {
            throw new IllegalArgumentException("a task state needs an id and a status");
        }
    }

    /**
     * @param id a task id
     * @return the state of a task nothing is recorded for
     */
    public static StoredTaskState pending(String id) {
        return new StoredTaskState(id, Status.PENDING, null, null, null, null, null, null, null, null);
    }
}
