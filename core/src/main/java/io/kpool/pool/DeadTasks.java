package io.kpool.pool;

import io.kpool.pool.internal.worker.DeadTaskStore;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The tasks that failed for good — past their last attempt, or on an error that is not retried — as they
 * wait in {@code <tasks topic>.DLT}, and a way to run them again. Records of that topic that are no task
 * (unreadable records the worker dead-lettered) are not listed.
 */
public final class DeadTasks {
    private DeadTasks() {
    }

    /**
     * @param options the workers' settings: tasks topic and connection
     * @param timeout how long reading the dead-letter topic to its end may take
     * @return every dead task, oldest first
     */
    public static List<DeadTask> list(PoolWorkerOptions options, Duration timeout) {
        return DeadTaskStore.list(options, timeout);
    }

    /**
     * Sends dead tasks back to the tasks topic as new tasks with their attempts reset (their results go to
     * the reply partition they named; a client that already had their FAILURE drops them). The dead-letter
     * topic keeps them: resubmitting one twice runs it twice.
     *
     * @param options the workers' settings: tasks topic and connection
     * @param ids the ids of the tasks to resubmit (a task dead-lettered more than once: its newest record)
     * @param timeout how long reading the dead-letter topic and sending may take
     * @return the tasks resubmitted, in the order of the dead-letter topic
     */
    public static List<DeadTask> resubmit(PoolWorkerOptions options, Collection<String> ids, Duration timeout) {
        return DeadTaskStore.resubmit(options, ids, timeout);
    }
}
