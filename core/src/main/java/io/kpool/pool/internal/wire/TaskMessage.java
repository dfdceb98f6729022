package io.kpool.pool.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The value of a task record ({@link TaskWire} writes and reads it):
 * {@code {"id", "task", "args", "kwargs", "batch", "submittedAt"}}.
 * {@code batch}, when present, is a list of argument lists: the task runs once per entry (the map
 * family's chunks) and the result is the list of results.
 *
 * @param id unique task id (the record key)
 * @param task the task's name
 * @param args positional arguments
 * @param kwargs keyword arguments
 * @param batch argument lists of a chunk, or null for a single call
 * @param submittedAt when the client sent it, ISO-8601 (kept as text: nothing on the hot path parses it);
 *     stamped by the client's sender, so null until then; may be absent from foreign clients
 * @param expiresAt when the task expires, epoch milliseconds: a worker that has not started it by then
 *     does not run it; null for never
 * @param timeLimitMs how long the task may run before its thread is interrupted and it fails; null for
 *     the worker's limit
 * @param retry its retry options; null (or any field of it null) for the worker's
 */
public record TaskMessage(String id, String task, List<JsonNode> args, Map<String, JsonNode> kwargs,
                   List<List<JsonNode>> batch, String submittedAt, Long expiresAt, Long timeLimitMs, RetrySpec retry) {

    /** Rejects a task no worker could run. */
    public TaskMessage {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("task message has no \"id\"");
        }
        if (task == null || task.isBlank()) {
            throw new IllegalArgumentException("task message " + id + " has no \"task\" name");
        }
        args = args == null ? List.of() : args;
        kwargs = kwargs == null ? Map.of() : kwargs;
        if (timeLimitMs != null && timeLimitMs < 1) {
            throw new IllegalArgumentException("task message " + id + ": \"timeLimitMs\" must be at least 1, got " + timeLimitMs);
        }
        retry = retry == null || retry.isEmpty() ? null : retry;
    }

    /**
     * A task without retry options of its own.
     *
     * @param id unique task id
     * @param task the task's name
     * @param args positional arguments
     * @param kwargs keyword arguments
     * @param batch argument lists of a chunk, or null
     * @param submittedAt when the client sent it, or null
     * @param expiresAt when it expires, epoch ms, or null
     * @param timeLimitMs its time limit, or null
     */
    public TaskMessage(String id, String task, List<JsonNode> args, Map<String, JsonNode> kwargs, List<List<JsonNode>> batch,
                       String submittedAt, Long expiresAt, Long timeLimitMs) {
        this(id, task, args, kwargs, batch, submittedAt, expiresAt, timeLimitMs, null);
    }

    /**
     * A task without expiry or time limit of its own.
     *
     * @param id unique task id
     * @param task the task's name
     * @param args positional arguments
     * @param kwargs keyword arguments
     * @param batch argument lists of a chunk, or null
     * @param submittedAt when the client sent it, or null
     */
    public TaskMessage(String id, String task, List<JsonNode> args, Map<String, JsonNode> kwargs, List<List<JsonNode>> batch,
                       String submittedAt) {
        this(id, task, args, kwargs, batch, submittedAt, null, null, null);
    }

    /** @return this task stamped with when it was submitted */
    TaskMessage withSubmittedAt(String time) {
        return new TaskMessage(id, task, args, kwargs, batch, time, expiresAt, timeLimitMs, retry);
    }
}
