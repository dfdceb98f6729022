package io.kpool.pool;

import io.kpool.pool.internal.client.KafkaPool;
import java.time.Duration;

/**
 * A task's result as the pool's state topic keeps it, by id, for any JVM ({@link Pool#result(String)}; Celery's
 * {@code AsyncResult(id)}): the durable, slower path beside the submitting client's own {@link AsyncResult}. Each
 * call reads the task's partition of the state topic.
 */
public interface StoredResult {

    /**
     * The stored result of a task without opening a pool (what {@link Pool#result(String)} returns): for
     * tools such as {@code kpool inspect task ID}.
     *
     * @param options where to connect, and the state topic ({@code kpool.pool.state.topic})
     * @param id a task id
     * @return its stored result
     * @throws io.kpool.core.KpoolException if the state topic setting is empty
     */
    static StoredResult of(PoolClientOptions options, String id) {
        return KafkaPool.storedResult(options, id);
    }

    /** @return the task's id */
    String id();

    /** @return the task's latest state now; PENDING if none is recorded */
    StoredTaskState state();

    /**
     * Waits until the task has finished (SUCCESS, FAILURE or EXPIRED) or the timeout passes.
     *
     * @param timeout how long to wait
     * @return the latest state then
     */
    StoredTaskState await(Duration timeout);

    /**
     * @param timeout how long to wait for the task to finish
     * @return its value, as JSON maps, lists, strings, numbers, booleans or null
     * @throws RemoteTaskException if it failed or expired
     * @throws TaskTimeoutException if it has not finished within {@code timeout}
     */
    Object get(Duration timeout);

    /** @return true if the task has finished */
    boolean ready();

    /** Forgets the task: writes a tombstone for its id, after which its state reads PENDING. */
    void forget();
}
