package io.kpool.core.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The value of a task record: {@code {"id", "task", "args", "kwargs", "batch", "submittedAt"}}.
 * {@code batch}, when present, is a list of argument lists: the task runs once per entry (the map
 * family's chunks) and the result is the list of results.
 *
 * @param id unique task id (the record key)
 * @param task the task's name
 * @param args positional arguments
 * @param kwargs keyword arguments
 * @param batch argument lists of a chunk, or null for a single call
 * @param submittedAt when the client submitted it, ISO-8601 (kept as text: nothing on the hot path parses it);
 *     may be absent from foreign clients
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
record TaskMessage(String id, String task, List<JsonNode> args, Map<String, JsonNode> kwargs,
                   List<List<JsonNode>> batch, String submittedAt) {

    /** Rejects a task no worker could run. */
    TaskMessage {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("task message has no \"id\"");
        }
        if (task == null || task.isBlank()) {
            throw new IllegalArgumentException("task message " + id + " has no \"task\" name");
        }
        args = args == null ? List.of() : args;
        kwargs = kwargs == null ? Map.of() : kwargs;
    }
}
