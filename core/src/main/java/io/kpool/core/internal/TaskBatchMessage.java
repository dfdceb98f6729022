package io.kpool.core.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The value of a task-batch record: several quick tasks of one client, {@code {"id", "tasks": [...]}}.
 * A worker runs them one after another and answers with one {@link ResultBatchMessage}.
 *
 * @param id the batch's id (the record key)
 * @param tasks the tasks, each a complete task message
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record TaskBatchMessage(String id, List<TaskMessage> tasks) {

    /** Rejects an empty batch. */
    TaskBatchMessage {
        if (id == null || id.isBlank() || tasks == null || tasks.isEmpty()) {
            throw new IllegalArgumentException("task batch needs an \"id\" and at least one task in \"tasks\"");
        }
        tasks = List.copyOf(tasks);
    }
}
