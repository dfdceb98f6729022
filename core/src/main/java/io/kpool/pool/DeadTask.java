package io.kpool.pool;

/**
 * A task that failed for good, as it waits in its tasks topic's dead-letter topic ({@link DeadTasks}).
 *
 * @param id the task's id
 * @param task the task's name
 * @param attempts how many attempts it made
 * @param lastError its last failure, {@code <exception type>: <message>}
 * @param firstFailureAt when its first attempt failed, ISO-8601
 * @param offset where it is in the dead-letter topic (partition 0 unless someone created the topic with more)
 * @param partition the dead-letter topic's partition it is in
 */
public record DeadTask(String id, String task, int attempts, String lastError, String firstFailureAt, int partition, long offset) {

    /** Requires an id and a task name. */
    public DeadTask {
        if (id == null || task == null) {
            throw new IllegalArgumentException("a dead task has an id and a task name");
        }
    }
}
