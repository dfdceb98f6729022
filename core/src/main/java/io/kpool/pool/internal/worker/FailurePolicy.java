package io.kpool.pool.internal.worker;

import io.kpool.pool.internal.wire.TaskMessage;
import java.time.Duration;

/**
 * Where a worker decides what becomes of a task whose run threw: the one place a retry or a task
 * dead-letter decision belongs ({@link RetryPolicy} is the worker's). {@link #ANSWER_EVERY_FAILURE}
 * answers every failure at once and retries nothing.
 */
@FunctionalInterface
interface FailurePolicy {

    /** Answers every failed task with a FAILURE result carrying the error; nothing is retried. */
    FailurePolicy ANSWER_EVERY_FAILURE = (task, attempt, error) -> Decision.ANSWER;

    /**
     * @param task the task message that failed (one task of a batch, or a single task)
     * @param attempt which attempt failed, from 1
     * @param error what it threw: an {@code UnknownTaskException}, a {@code TaskArgumentException}, a
     *     {@code RetryTaskException}, a time limit's {@code KpoolException} or anything from the task itself
     * @return what to do with it
     */
    Decision decide(TaskMessage task, int attempt, Throwable error);

    /** What becomes of a failed task. */
    enum Kind {
        /** Publish a FAILURE result carrying the error to the task's client: the task is done. */
        ANSWER_FAILURE,
        /** Store the task in a delay tier for another attempt, and tell its client (RETRY). */
        RETRY,
        /** The task failed for good: store it in the tasks topic's DLT and publish its FAILURE. */
        DEAD_LETTER
    }

    /**
     * @param kind what to do
     * @param delay how long a RETRY waits; null otherwise
     */
    record Decision(Kind kind, Duration delay) {
        /** Answer FAILURE. */
        static final Decision ANSWER = new Decision(Kind.ANSWER_FAILURE, null);
        /** Dead-letter and answer FAILURE. */
        static final Decision DEAD_LETTER = new Decision(Kind.DEAD_LETTER, null);

        /** A RETRY has a delay, the others none. */
        public Decision {
            if ((kind == Kind.RETRY) != (delay != null)) {
                throw new IllegalArgumentException(kind + " with delay " + delay);
            }
        }

        /** @return a retry after {@code delay} */
        static Decision retryIn(Duration delay) {
            return new Decision(Kind.RETRY, delay);
        }
    }
}
