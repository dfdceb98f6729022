package io.kpool.pool.internal.worker;

import io.kpool.pool.internal.wire.TaskMessage;

/**
 * Where a worker decides what becomes of a task whose run threw: the one place a retry or a task
 * dead-letter decision belongs. {@link #ANSWER_EVERY_FAILURE} is today's policy.
 */
@FunctionalInterface
interface FailurePolicy {

    /** Answers every failed task with a FAILURE result carrying the error; nothing is retried. */
    FailurePolicy ANSWER_EVERY_FAILURE = (task, error) -> Decision.ANSWER_FAILURE;

    /**
     * @param task the task message that failed (one task of a batch, or a single task)
     * @param error what it threw: an {@code UnknownTaskException}, a {@code TaskArgumentException} or
     *     anything from the task itself
     * @return what to do with it
     */
    Decision decide(TaskMessage task, Throwable error);

    /** What becomes of a failed task. */
    enum Decision {
        /** Publish a FAILURE result carrying the error to the task's client: the task is done. */
        ANSWER_FAILURE
    }
}
