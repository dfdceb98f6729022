package io.kpool.pool;

import io.kpool.core.internal.metrics.Meters;
import io.kpool.pool.internal.worker.KafkaPoolWorker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;

/**
 * The pool's worker side: {@link PoolWorkerOptions#effectiveProcesses()} threads (the Python pool's
 * "processes") running tasks from the tasks topic as one member of the workers' consumer group, and
 * publishing one result per task to the reply partition its client named. Start more instances to
 * scale out; they share the tasks topic's partitions.
 *
 * <p>A task's offset is committed only once its result is stored by the broker, in order per
 * partition: a worker that dies leaves every unanswered task to the rest of the group. Long tasks
 * never cause a rebalance: the poll thread keeps polling (with partitions paused while the threads
 * are busy) however long a task runs.
 */
public interface PoolWorker extends AutoCloseable {

    /**
     * Creates the topics if needed, joins the group and starts the threads.
     *
     * @param options topics, group, threads
     * @param tasks the tasks it can run
     * @return the running worker
     */
    static PoolWorker start(PoolWorkerOptions options, TaskRegistry tasks) {
        return KafkaPoolWorker.start(options, tasks, Meters.NONE);
    }

    /**
     * Like {@link #start(PoolWorkerOptions, TaskRegistry)}, recording metrics into {@code registry}: per task name
     * {@code kpool.task.received}, {@code .succeeded}, {@code .failed}, {@code .retried}, {@code .expired} and the
     * timer {@code kpool.task.duration}; {@code kpool.tasks.in.flight}; {@code kpool.partitions.assigned} and
     * {@code .paused}; and the Kafka clients' own metrics (lag per partition among them). The README's
     * "Operating kpool" lists them.
     *
     * @param options topics, group, threads
     * @param tasks the tasks it can run
     * @param registry where to record
     * @return the running worker
     */
    static PoolWorker start(PoolWorkerOptions options, TaskRegistry tasks, MeterRegistry registry) {
        return KafkaPoolWorker.start(options, tasks, Objects.requireNonNull(registry, "registry"));
    }

    /** @return how many tasks this worker has finished (results stored) */
    long completed();

    /** @return how many tasks this worker did not run because they had expired (each answered with a FAILURE) */
    long expired();

    /** @return true until the worker stopped, on {@link #close} or a fatal error */
    boolean isRunning();

    /**
     * @return true while it can take tasks: running, connected to a broker, and a member of the workers' group
     *     holding an assignment (a readiness check)
     */
    boolean isReady();

    /**
     * Blocks until the worker stops by itself (a fatal error) or {@code timeout} passes.
     *
     * @param timeout how long to wait
     * @return true if it stopped
     */
    boolean awaitStop(Duration timeout);

    /**
     * Stops taking tasks, lets running ones finish (up to {@code grace}), waits for their results to
     * be stored, commits and leaves the group. Tasks not started are left to the other workers.
     *
     * @param grace how long running tasks may take to finish
     */
    void close(Duration grace);

    /** {@link #close(Duration)} with 30 seconds of grace; idempotent. */
    @Override
    default void close() {
        close(Duration.ofSeconds(30));
    }
}
