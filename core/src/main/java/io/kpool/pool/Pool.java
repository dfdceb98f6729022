package io.kpool.pool;

import io.kpool.core.KpoolException;
import io.kpool.pool.internal.client.KafkaPool;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Python's {@code multiprocessing.Pool} over Kafka: tasks go to the tasks topic, pool workers run
 * them, and results come back on this client's partition of the callback topic.
 *
 * <pre>{@code
 * try (Pool pool = Pool.open(options)) {
 *     Object nine = pool.apply("square", 3);                             // like p.apply(work, args=(3,))
 *     AsyncResult<Object> r = pool.applyAsync("square", 4);              // like p.apply_async(...)
 *     pool.applyAsync(TaskCall.of("http.get", url), page -> parse(page), error -> log(error));
 *     pool.close();                                                     // no more submissions
 *     pool.join();                                                      // every submitted task finished
 *     r.get(Duration.ofSeconds(5));                                     // 16
 * }
 * }</pre>
 *
 * <p>Callbacks run on this client's callback thread (the seed's "main process runs the callback"),
 * one at a time in the order results arrive; a callback that throws is logged and the pool goes on.
 * If the client's reply reader fails, no result can arrive: every pending task fails at once with a
 * {@link KpoolException} carrying the cause, and the pool accepts no new task; the same if its task
 * sender fails (then only the tasks it had not sent fail). Thread-safe.
 */
public interface Pool extends AutoCloseable {

    /**
     * Connects, creates the topics if needed and starts reading this client's reply partition.
     *
     * @param options topics, reply partition, client id
     * @return an open pool
     */
    static Pool open(PoolClientOptions options) {
        return KafkaPool.open(options);
    }

    /**
     * Like {@link #open(PoolClientOptions)}, recording into {@code registry}: {@code kpool.client.results.dropped}
     * (results of this client's tasks that came when the task no longer waited: the second answer of a task run
     * twice, or one after its timeout) and {@code kpool.client.tasks.pending}, both tagged {@code client}.
     *
     * @param options topics, reply partition, client id
     * @param registry where to record
     * @return an open pool
     */
    static Pool open(PoolClientOptions options, MeterRegistry registry) {
        return KafkaPool.open(options, java.util.Objects.requireNonNull(registry, "registry"));
    }

    /**
     * Runs a task and waits for its result ({@code apply}).
     *
     * @param task the task's name
     * @param args its positional arguments
     * @return the result as plain Java (numbers, strings, lists, maps)
     * @throws RemoteTaskException if the task failed on the worker
     * @throws KpoolException if the pool accepts no more tasks because its reply reader or task sender
     *     failed (the cause is attached), or the task failed for that reason while it waited
     */
    Object apply(String task, Object... args);

    /**
     * @param call the task, its arguments and result type
     * @param <R> the result type
     * @return the result
     * @throws RemoteTaskException if the task failed on the worker
     */
    <R> R apply(TaskCall<R> call);

    /**
     * Submits a task without waiting ({@code apply_async}). It returns at once unless
     * 10,000 earlier tasks still wait to be sent: then it
     * waits until the client's sender has caught up, as {@code KafkaProducer.send} does on a full buffer.
     *
     * @param task the task's name
     * @param args its positional arguments
     * @return the pending result
     */
    AsyncResult<Object> applyAsync(String task, Object... args);

    /**
     * @param call the task, its arguments and result type
     * @param <R> the result type
     * @return the pending result
     */
    <R> AsyncResult<R> applyAsync(TaskCall<R> call);

    /**
     * Submits a task; its callback runs on the callback thread when the result arrives.
     *
     * @param call the task, its arguments and result type
     * @param callback receives the result (Python's {@code callback=}); may be null
     * @param errorCallback receives the failure (Python's {@code error_callback=}); may be null
     * @param <R> the result type
     * @return the pending result
     * @throws KpoolException if the pool accepts no more tasks because its reply reader or task sender
     *     failed (the cause is attached)
     */
    <R> AsyncResult<R> applyAsync(TaskCall<R> call, Consumer<? super R> callback, Consumer<? super KpoolException> errorCallback);

    /**
     * The stored result of any task by id, submitted by this client or another, in this JVM or another
     * ({@link AsyncResult#id()} gives a task's id). Reads the state topic ({@code kpool.pool.state.topic}).
     *
     * @param id a task id
     * @return its stored result; its state is PENDING for an id nothing is recorded for
     */
    StoredResult result(String id);

    /**
     * Applies a one-argument task to every item and waits for the results, in order ({@code map}).
     *
     * @param task the task's name
     * @param items one argument per call
     * @param type the class to read each result as
     * @param chunksize items sent per task message (fewer messages for many small items)
     * @param <R> the result type
     * @return the results, in the items' order
     */
    <R> List<R> map(String task, Iterable<?> items, Class<R> type, int chunksize);

    /**
     * {@link #map} without waiting ({@code map_async}); the callbacks get the whole list.
     *
     * @param task the task's name
     * @param items one argument per call
     * @param type the class to read each result as
     * @param chunksize items per task message
     * @param callback receives the list of results; may be null
     * @param errorCallback receives the first failure; may be null
     * @param <R> the result type
     * @return the pending list of results
     */
    <R> AsyncResult<List<R>> mapAsync(String task, Iterable<?> items, Class<R> type, int chunksize,
                                      Consumer<? super List<R>> callback, Consumer<? super KpoolException> errorCallback);

    /**
     * Like {@link #map}, but returns at once; the iterator yields results in the items' order as
     * they become available ({@code imap}).
     *
     * @param task the task's name
     * @param items one argument per call
     * @param type the class to read each result as
     * @param chunksize items per task message
     * @param <R> the result type
     * @return an iterator whose {@code next} blocks until that result is here
     */
    <R> Iterator<R> imap(String task, Iterable<?> items, Class<R> type, int chunksize);

    /**
     * Like {@link #imap}, but yields results in the order they finish ({@code imap_unordered}).
     *
     * @param task the task's name
     * @param items one argument per call
     * @param type the class to read each result as
     * @param chunksize items per task message
     * @param <R> the result type
     * @return an iterator in completion order
     */
    <R> Iterator<R> imapUnordered(String task, Iterable<?> items, Class<R> type, int chunksize);

    /**
     * Like {@link #map}, but each element is a whole argument list ({@code starmap}).
     *
     * @param task the task's name
     * @param argLists one argument list per call
     * @param type the class to read each result as
     * @param chunksize argument lists per task message
     * @param <R> the result type
     * @return the results, in order
     */
    <R> List<R> starmap(String task, Iterable<? extends List<?>> argLists, Class<R> type, int chunksize);

    /** @return tasks submitted whose result has not arrived yet */
    int pending();

    /**
     * Stops accepting submissions ({@code close}). Submitted tasks still finish; the connections are
     * released by themselves once the last result and its callback are in ({@link #join()} waits for
     * that). Idempotent; try-with-resources calls it.
     */
    @Override
    void close();

    /**
     * Waits for every submitted task's result (and callback), then releases the connections
     * ({@code join}).
     *
     * @throws IllegalStateException if the pool is still open: call {@link #close()} first, as in Python
     */
    void join();

    /** Fails every pending result at once and releases the connections ({@code terminate}). */
    void terminate();
}
