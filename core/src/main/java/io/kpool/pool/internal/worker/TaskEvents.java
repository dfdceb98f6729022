package io.kpool.pool.internal.worker;

import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.TaskMessage;
import java.util.List;

/**
 * What a worker tells its observers about each task it takes: the task log ({@link TaskLog}), the metrics
 * ({@link TaskMetrics}). Called on the worker thread that runs the task, in this order: {@link #received},
 * then either {@link #expired} or {@link #started} followed by {@link #succeeded} or {@link #failed}. An
 * observer must be quick and must not throw.
 */
interface TaskEvents {
    /** Observes nothing. */
    TaskEvents NONE = new TaskEvents() {
    };

    /** @param task a task the worker has taken */
    default void received(TaskMessage task) {
    }

    /** @param task a task about to run */
    default void started(TaskMessage task) {
    }

    /**
     * @param task a task that returned
     * @param result its SUCCESS
     * @param nanos how long it ran
     */
    default void succeeded(TaskMessage task, ResultMessage result, long nanos) {
    }

    /**
     * @param task a task that threw, ran past its limit, or was rejected by the worker
     * @param result its FAILURE, carrying the error
     * @param nanos how long it ran; 0 if the worker rejected it at once
     */
    default void failed(TaskMessage task, ResultMessage result, long nanos) {
    }

    /**
     * @param task a task that threw and will run again (a retry), not answered yet
     * @param notice its RETRY notice, carrying the error and the next attempt
     */
    default void retried(TaskMessage task, ResultMessage notice) {
    }

    /**
     * @param task a task that expired before it could start: it does not run
     * @param result its FAILURE saying so
     */
    default void expired(TaskMessage task, ResultMessage result) {
    }

    /**
     * Calls {@link #succeeded} or {@link #failed}, as the result says.
     *
     * @param task the task that ran
     * @param result its result
     * @param nanos how long it ran
     */
    default void finished(TaskMessage task, ResultMessage result, long nanos) {
        if (result.status() == ResultMessage.Status.SUCCESS) {
            succeeded(task, result, nanos);
        } else {
            failed(task, result, nanos);
        }
    }

    /**
     * @param observers called in this order
     * @return one observer telling each of them
     */
    static TaskEvents all(List<TaskEvents> observers) {
        TaskEvents[] each = observers.toArray(TaskEvents[]::new);
        return new TaskEvents() {
            @Override
            public void received(TaskMessage task) {
                for (TaskEvents observer : each) {
                    observer.received(task);
                }
            }

            @Override
            public void started(TaskMessage task) {
                for (TaskEvents observer : each) {
                    observer.started(task);
                }
            }

            @Override
            public void succeeded(TaskMessage task, ResultMessage result, long nanos) {
                for (TaskEvents observer : each) {
                    observer.succeeded(task, result, nanos);
                }
            }

            @Override
            public void failed(TaskMessage task, ResultMessage result, long nanos) {
                for (TaskEvents observer : each) {
                    observer.failed(task, result, nanos);
                }
            }

            @Override
            public void retried(TaskMessage task, ResultMessage notice) {
                for (TaskEvents observer : each) {
                    observer.retried(task, notice);
                }
            }

            @Override
            public void expired(TaskMessage task, ResultMessage result) {
                for (TaskEvents observer : each) {
                    observer.expired(task, result);
                }
            }
        };
    }
}
