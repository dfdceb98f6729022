package io.kpool.pool.internal.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.kpool.core.internal.kafka.Json;
import java.io.IOException;

/**
 * The value of a record of the task state topic (compacted, keyed by task id): {@code {"id", "task", "state",
 * "worker", "at", "result", "error", "runMicros"}}. A worker writes one when a task starts and one when it ends;
 * the latest per id is the task's state. A tombstone (null value) forgets the task.
 *
 * @param id the task's id (the record key)
 * @param task the task's name
 * @param state where the task is
 * @param worker the worker that wrote it
 * @param at when, ISO-8601
 * @param result the task's return value (SUCCESS); null otherwise
 * @param error what went wrong (FAILURE, EXPIRED, RETRY); null otherwise
 * @param runMicros how long it ran (SUCCESS, FAILURE); null otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskStateMessage(String id, String task, State state, String worker, String at, JsonNode result,
                               ResultMessage.Error error, Long runMicros) {
    /** A task's states on the wire; a task with no record is PENDING. */
    public enum State {
        /** A worker took it and is running it. */
        STARTED,
        /** It failed and will run again. */
        RETRY,
        /** It returned: {@code result} holds the value. */
        SUCCESS,
        /** It failed for good: {@code error} says why. */
        FAILURE,
        /** It expired before a worker could start it: it did not run. */
        EXPIRED
    }

    /** Rejects a state no reader could use. */
    public TaskStateMessage {
        if (id == null || id.isBlank() || task == null || state == null) {
            throw new IllegalArgumentException("task state needs \"id\", \"task\" and \"state\"");
        }
    }

    /** @return the record value */
    public byte[] write() {
        return Json.write(this);
    }

    /**
     * @param value a record value of the state topic
     * @return the state it holds
     * @throws IOException if it is no task state
     */
    public static TaskStateMessage read(byte[] value) throws IOException {
        return Json.read(value, TaskStateMessage.class);
    }
}
