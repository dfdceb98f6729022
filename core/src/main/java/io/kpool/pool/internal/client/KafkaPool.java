package io.kpool.pool.internal.client;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.Json;
import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.core.internal.metrics.Meters;
import io.kpool.pool.AsyncResult;
import io.kpool.pool.StoredResult;
import io.kpool.pool.Pool;
import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.RetryBackoff;
import io.kpool.pool.TaskCall;
import io.kpool.pool.TaskOptions;
import io.kpool.pool.internal.wire.RetrySpec;
import io.kpool.pool.internal.wire.PoolTopics;
import io.kpool.pool.internal.wire.TraceParent;
import io.kpool.pool.internal.wire.TaskMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** {@link Pool} over one task producer, a {@link ReplyReader} thread and one callback thread. */
public final class KafkaPool implements Pool {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPool.class);
    /** How often a waiting {@link #join()} logs how many tasks are still pending. */
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    private enum State { OPEN, CLOSED, RELEASED }

    private final PoolClientOptions options;
    private final Producer<byte[], byte[]> producer;
    private final TaskCosts costs = new TaskCosts();
    private final ExecutorService callbacks;
    private final PendingTasks pending;
    private final ReplyReader replies;
    private final Thread replyThread;
    private final int replyPartition;
    private final TaskSender sender;
    private final Thread senderThread;
    /** The client's default retry options and time limit, as every call without options of its own sends them. */
    private final RetrySpec defaultRetry;
    private final Long defaultTimeLimitMs;
    private volatile State state = State.OPEN;

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
        this.defaultRetry = retrySpec(options.taskDefaults());
        this.defaultTimeLimitMs = timeLimitMs(options.taskDefaults());
        this.callbacks = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, "kpool-callbacks-" + options.clientId()));
        Counter dropped = Counter.builder("kpool.client.results.dropped").tag("client", options.clientId())
                .description("Results of this client's tasks that came when the task no longer waited: a second answer, or one after its timeout")
                .register(registry);
        this.pending = new PendingTasks(options.clientId(), options.taskTimeout(), callbacks, System::nanoTime, dropped::increment);
        Gauge.builder("kpool.client.tasks.pending", pending, PendingTasks::size).tag("client", options.clientId())
                .description("Tasks this client waits for").register(registry);
        this.replies = new ReplyReader(replyConsumer, options, pending, costs);
        this.replyPartition = replies.assign();
        this.producer = producer;
        this.sender = new TaskSender(options, producer, pending, costs, replyPartition);
        this.senderThread = daemon(sender, "kpool-sender-" + options.clientId());
        senderThread.start();
        this.replyThread = daemon(replies, "kpool-replies-" + options.clientId());
        replyThread.start();
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
        List<JsonNode> args = Json.toTrees(call.args());
        Map<String, JsonNode> kwargs = call.kwargs().isEmpty() ? Map.of() : new java.util.LinkedHashMap<>();
        call.kwargs().forEach((name, value) -> kwargs.put(name, Json.toTree(value)));
        TaskOptions own = call.options();
        TaskOptions merged = own == TaskOptions.defaults() ? null : options.taskDefaults().overriddenBy(own);
        PendingTask<R> task = submit(call.task(), args, kwargs, null, call.resultType(), callback, errorCallback,
                call.expires().orElse(null), merged == null ? defaultTimeLimitMs : timeLimitMs(merged),
                merged == null ? defaultRetry : retrySpec(merged));
        return new FutureResult<>(task.id(), task::describe, task, task::attempts);
    }

    /** Sends one task message with the client's task defaults: its expiry, time limit and retry options. */
    <R> PendingTask<R> submit(String taskName, List<JsonNode> args, Map<String, JsonNode> kwargs, List<List<JsonNode>> batch,
                              JavaType type, Consumer<? super R> callback, Consumer<? super KpoolException> errorCallback) {
        return submit(taskName, args, kwargs, batch, type, callback, errorCallback, null, defaultTimeLimitMs, defaultRetry);
    }

    /** @return the options' time limit in ms; null if they set none */
    private static Long timeLimitMs(TaskOptions options) {
        return options.timeLimit().isPresent() ? Long.valueOf(options.timeLimit().get().toMillis()) : null;
    }

    /** @return a call's retry options as its record carries them; null if it sets none */
    private static RetrySpec retrySpec(TaskOptions options) {
        RetryBackoff backoff = options.backoff().orElse(null);
        return new RetrySpec(options.retries().orElse(null), backoff == null ? null : backoff.initial().toMillis(),
                backoff == null ? null : backoff.multiplier(), backoff == null ? null : backoff.max().toMillis(),
                backoff == null ? null : backoff.jitter(), options.retryOn().orElse(null), options.noRetryOn().orElse(null));
    }

    /** @return when a task submitted now expires, epoch ms: its own expiry, else the pool's, else its task timeout */
    private Long expiresAt(Duration own) {
        Duration after = own != null ? own : !options.taskExpires().isZero() ? options.taskExpires() : options.taskTimeout();
        return after.isZero() ? null : System.currentTimeMillis() + after.toMillis();
    }

    /** Sends one task message; its pending entry is registered before the send, so no result can outrun it. */
    private <R> PendingTask<R> submit(String taskName, List<JsonNode> args, Map<String, JsonNode> kwargs,
                                      List<List<JsonNode>> batch, JavaType type, Consumer<? super R> callback,
                                      Consumer<? super KpoolException> errorCallback, Duration expires, Long timeLimitMs,
                                      RetrySpec retry) {
        if (state != State.OPEN) {
            throw new IllegalStateException("Pool " + options.clientId() + " is closed: no more submissions");
        }
        PendingTask<R> task = pending.register(taskName, type, callback, errorCallback);
        try {
            sender.submit(new TaskSender.Outgoing(new TaskMessage(task.id(), taskName, args, kwargs, batch, null,
                    expiresAt(expires), timeLimitMs, retry), task, MDC.get(TraceParent.MDC_KEY)));
        } catch (KpoolException e) {
            pending.withdraw(task);
            throw e;
        }
        return task;
    }

    @Override
    public <R> List<R> map(String task, Iterable<?> items, Class<R> type, int chunksize) {
        return mapAsync(task, items, type, chunksize, null, null).get(resultWait());
    }

    @Override
    public <R> AsyncResult<List<R>> mapAsync(String task, Iterable<?> items, Class<R> type, int chunksize,
                                             Consumer<? super List<R>> callback, Consumer<? super KpoolException> errorCallback) {
        return new ChunkedCall<R>(this, task, type, chunksize).submitSingles(items).all(callback, errorCallback);
    }

    @Override
    public <R> Iterator<R> imap(String task, Iterable<?> items, Class<R> type, int chunksize) {
        return new ChunkedCall<R>(this, task, type, chunksize).submitSingles(items).inOrder(resultWait());
    }

    @Override
    public <R> Iterator<R> imapUnordered(String task, Iterable<?> items, Class<R> type, int chunksize) {
        return new ChunkedCall<R>(this, task, type, chunksize).submitSingles(items).asCompleted(resultWait());
    }

    @Override
    public <R> List<R> starmap(String task, Iterable<? extends List<?>> argLists, Class<R> type, int chunksize) {
        return new ChunkedCall<R>(this, task, type, chunksize).submitArgLists(argLists).all(null, null).get(resultWait());
    }

    /** How long a blocking call waits: past the pool's task timeout (which fails the task first), else without end. */
    private Duration resultWait() {
        return options.taskTimeout().isZero() ? Duration.ofDays(365) : options.taskTimeout().plusSeconds(1);
    }

    /** @return the callback thread: callbacks run there one at a time, in arrival order */
    java.util.concurrent.Executor callbackExecutor() {
        return callbacks;
    }

    @Override
    public int pending() {
        return pending.size();
    }

    @Override
    public synchronized void close() {
        if (state == State.OPEN) {
            state = State.CLOSED;
            LOG.info("{} closed: no more submissions; {} task(s) pending", options.clientId(), pending.size());
            // Without a join(), the connections go once the last pending result (and callback) is in.
            daemon(() -> awaitPendingThenRelease(false), "kpool-closing-" + options.clientId()).start();
        }
    }

    @Override
    public void join() {
        if (state == State.OPEN) {
            throw new IllegalStateException("Pool " + options.clientId() + " is still open: call close() or terminate() before join()");
        }
        awaitPendingThenRelease(true);
    }

    /** Waits until no task is pending (logging progress if {@code report}), then for their callbacks, then releases. */
    private void awaitPendingThenRelease(boolean report) {
        try {
            while (state != State.RELEASED && !pending.awaitEmpty(PROGRESS_INTERVAL)) {
                if (report) {
                    LOG.info("{} joining: {} task(s) still pending", options.clientId(), pending.size());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpoolException("Interrupted while joining the pool " + options.clientId(), e);
        }
        drainCallbacks();
        release();
    }

    @Override
    public void terminate() {
        close();
        if (state == State.RELEASED) {
            return;
        }
        int abandoned = pending.failAll(task -> new KpoolException("Pool " + options.clientId() + " was terminated before "
                + task.describe() + " finished"));
        if (abandoned > 0) {
            LOG.warn("{} terminated with {} task(s) pending", options.clientId(), abandoned);
        }
        release();
    }

    private void drainCallbacks() {
        try {
            CompletableFuture.runAsync(() -> { }, callbacks).join();
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // released meanwhile (terminate, or a concurrent join): nothing left to run
        }
    }

    private synchronized void release() {
        if (state == State.RELEASED) {
            return;
        }
        state = State.RELEASED;
        sender.stop();
        try {
            senderThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        replies.stop();
        try {
            replyThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
        callbacks.shutdown();
        try {
            if (!callbacks.awaitTermination(10, TimeUnit.SECONDS)) {
                callbacks.shutdownNow();
            }
        } catch (InterruptedException e) {
            callbacks.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("{} released", options.clientId());
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
