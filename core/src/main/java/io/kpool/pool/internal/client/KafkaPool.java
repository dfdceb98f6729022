package io.kpool.pool.internal.client;

import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.core.internal.metrics.Meters;
import io.kpool.pool.AsyncResult;
import io.kpool.pool.Pool;
import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.StoredResult;
import io.kpool.pool.TaskCall;
import io.kpool.pool.internal.wire.PoolTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Pool} over one task producer, a {@link ReplyReader} thread and one callback thread. */
public final class KafkaPool implements Pool {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPool.class);

    private final PoolClientOptions options;
    private final ExecutorService callbacks;
    private final PendingTasks pending;
    private final int replyPartition;
    private final TaskSubmitter submitter;
    private final ClientShutdown shutdown;

    /**
     * @param options topics, reply partition, client id
     * @param replyConsumer the consumer the reply thread will own (assigned here to the reply partition)
     * @param producer the task producer, closed when the pool is released
     */
    KafkaPool(PoolClientOptions options, org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> replyConsumer,
              Producer<byte[], byte[]> producer) {
        this(options, replyConsumer, producer, Meters.NONE);
    }

    /**
     * @param options topics, reply partition, client id
     * @param replyConsumer the consumer the reply thread will own (assigned here to the reply partition)
     * @param producer the task producer, closed when the pool is released
     * @param registry where it records {@code kpool.client.results.dropped} and {@code kpool.client.tasks.pending}
     */
    KafkaPool(PoolClientOptions options, org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> replyConsumer,
              Producer<byte[], byte[]> producer, MeterRegistry registry) {
        this.options = options;
        this.callbacks = Executors.newSingleThreadExecutor(runnable -> ClientThreads.daemon(runnable, "kpool-callbacks-" + options.clientId()));
        Counter dropped = Counter.builder("kpool.client.results.dropped").tag("client", options.clientId())
                .description("Results of this client's tasks that came when the task no longer waited: a second answer, or one after its timeout")
                .register(registry);
        this.pending = new PendingTasks(options.clientId(), options.taskTimeout(), callbacks, System::nanoTime, dropped::increment);
        Gauge.builder("kpool.client.tasks.pending", pending, PendingTasks::size).tag("client", options.clientId())
                .description("Tasks this client waits for").register(registry);
        ClientThreads threads = new ClientThreads(options, replyConsumer, producer, pending, callbacks);
        this.replyPartition = threads.replyPartition();
        this.shutdown = new ClientShutdown(options.clientId(), pending, threads, callbacks);
        this.submitter = new TaskSubmitter(options, pending, threads.sender(), shutdown::isOpen);
    }

    /**
     * @param options topics, reply partition, client id
     * @return an open pool reading its reply partition
     */
    public static KafkaPool open(PoolClientOptions options) {
        return open(options, Meters.NONE);
    }

    /**
     * @param options topics, reply partition, client id
     * @param registry where it records its meters
     * @return an open pool reading its reply partition
     */
    public static KafkaPool open(PoolClientOptions options, MeterRegistry registry) {
        PoolTopics.ensure(options.connection(), options.tasksTopic(), options.tasksPartitions(), options.callbackTopic(),
                options.callbackPartitions());
        KafkaPool pool = new KafkaPool(options, KafkaClients.assignedConsumer(options.connection(), "replies"),
                KafkaClients.producer(options.connection(), "tasks"), registry);
        LOG.info("{} opened: tasks to '{}', results from '{}' partition {}", options.clientId(), options.tasksTopic(),
                options.callbackTopic(), pool.replyPartition);
        NoWorkerWarning.checkInBackground(options);
        return pool;
    }

    @Override
    public Object apply(String task, Object... args) {
        return apply(TaskCall.of(task, args));
    }

    @Override
    public <R> R apply(TaskCall<R> call) {
        return applyAsync(call).get(resultWait());
    }

    @Override
    public AsyncResult<Object> applyAsync(String task, Object... args) {
        return applyAsync(TaskCall.of(task, args));
    }

    @Override
    public <R> AsyncResult<R> applyAsync(TaskCall<R> call) {
        return applyAsync(call, null, null);
    }

    @Override
    public StoredResult result(String id) {
        return storedResult(options, id);
    }

    /**
     * @param options where to connect and the state topic
     * @param id a task id
     * @return the task's result as the state topic keeps it
     */
    public static StoredResult storedResult(PoolClientOptions options, String id) {
        return new StoredTaskResult(options.connection(), options.stateTopic(), id);
    }

    @Override
    public <R> AsyncResult<R> applyAsync(TaskCall<R> call, Consumer<? super R> callback, Consumer<? super KpoolException> errorCallback) {
        PendingTask<R> task = submitter.submit(call, callback, errorCallback);
        return new FutureResult<>(task.id(), task::describe, task, task::attempts);
    }

    @Override
    public <R> List<R> map(String task, Iterable<?> items, Class<R> type, int chunksize) {
        return mapAsync(task, items, type, chunksize, null, null).get(resultWait());
    }

    @Override
    public <R> AsyncResult<List<R>> mapAsync(String task, Iterable<?> items, Class<R> type, int chunksize,
                                             Consumer<? super List<R>> callback, Consumer<? super KpoolException> errorCallback) {
        return new ChunkedCall<R>(submitter, callbacks, task, type, chunksize).submitSingles(items).all(callback, errorCallback);
    }

    @Override
    public <R> Iterator<R> imap(String task, Iterable<?> items, Class<R> type, int chunksize) {
        return new ChunkedCall<R>(submitter, callbacks, task, type, chunksize).submitSingles(items).inOrder(resultWait());
    }

    @Override
    public <R> Iterator<R> imapUnordered(String task, Iterable<?> items, Class<R> type, int chunksize) {
        return new ChunkedCall<R>(submitter, callbacks, task, type, chunksize).submitSingles(items).asCompleted(resultWait());
    }

    @Override
    public <R> List<R> starmap(String task, Iterable<? extends List<?>> argLists, Class<R> type, int chunksize) {
        return new ChunkedCall<R>(submitter, callbacks, task, type, chunksize).submitArgLists(argLists).all(null, null).get(resultWait());
    }

    /** How long a blocking call waits: past the pool's task timeout (which fails the task first), else without end. */
    private Duration resultWait() {
        return options.taskTimeout().isZero() ? Duration.ofDays(365) : options.taskTimeout().plusSeconds(1);
    }

    @Override
    public int pending() {
        return pending.size();
    }

    @Override
    public void close() {
        shutdown.close();
    }

    @Override
    public void join() {
        shutdown.join();
    }

    @Override
    public void terminate() {
        shutdown.terminate();
    }
}
