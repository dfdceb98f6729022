package io.kpool.pool;

/** Where a submitted task is, as its {@link AsyncResult} knows it (Celery's task states). */
public enum TaskState {
    /** Submitted; no result and no retry heard of yet. */
    PENDING,
    /** An attempt failed and the task waits for its next one ({@link AsyncResult#attempts()} says how many failed). */
    RETRY,
    /** It returned a value. */
    SUCCESS,
    /** It failed for good (or could not be submitted, timed out, was terminated). */
    FAILURE
}
