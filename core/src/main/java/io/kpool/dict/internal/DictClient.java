package io.kpool.dict.internal;

import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.dict.SharedDictException;
import io.kpool.dict.SharedDictOptions;
import io.kpool.dict.SharedDictTimeoutException;
import io.kpool.dict.internal.fold.Operation;
import io.kpool.dict.internal.fold.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The machinery behind one {@link KafkaSharedDict}: its producer ({@link OperationWriter}), its consumer
 * thread ({@link FoldLoop}), its replica, the lease-renewal timer and the thread that completes
 * the futures handed to callers (so their callbacks never run on the fold thread).
 */
final class DictClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DictClient.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    final String name;
    final SharedDictOptions options;
    final Replica replica = new Replica();
    final DictMeters meters;
    private final PendingOperations pending;
    private final OperationWriter writer;
    private final FoldLoop loop;
    private final Producer<byte[], byte[]> producer;
    private final Thread foldThread;
    private final ScheduledExecutorService timers;
    private final ExecutorService callbacks;
    private final Set<KafkaSharedLock> heldLocks = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    private DictClient(String name, SharedDictOptions options, MeterRegistry registry) {
        this.name = name;
        this.options = options;
        String topic = options.topicFor(name);
        String writerId = options.clientId() + "-" + UUID.randomUUID().toString().substring(0, 13);
        this.pending = new PendingOperations(options.operationTimeout());
        this.meters = new DictMeters(registry, name, pending);
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("kpool-dict-" + name + "-timer"));
        this.callbacks = Executors.newSingleThreadExecutor(daemon("kpool-dict-" + name + "-callbacks"));
        Map<String, Object> producerProperties = new HashMap<>(options.connection().kafkaProperties());
        producerProperties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        this.producer = KafkaClients.producer(producerProperties, options.clientId() + "-dict-" + name);
        this.writer = new OperationWriter(producer, topic, name, writerId, pending, timers);
        try {
            this.loop = new FoldLoop(KafkaClients.groupLessConsumer(options.connection().kafkaProperties(), options.clientId() + "-dict-" + name),
                    topic, name, writerId, replica, pending);
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            meters.close();
            stop(timers);
            stop(callbacks);
            throw e;
        }
        this.foldThread = daemon("kpool-dict-" + name + "-fold").newThread(loop);
    }

    /**
     * Creates the topic if needed, starts reading it, and returns once this client has caught up.
     *
     * @param registry where its meters go ({@link io.kpool.core.internal.metrics.Meters#NONE}: nowhere)
     */
    static DictClient open(SharedDictOptions options, String name, MeterRegistry registry) {
        DictTopic.ensure(options, name);
        DictClient client = new DictClient(name, options, registry);
        client.foldThread.start();
        try {
            client.catchUp();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /** @return completes (on the fold thread) with the outcome once this client has folded the operation */
    CompletableFuture<Outcome> append(Operation op) {
        CompletableFuture<Outcome> outcome = writer.append(op);
        KpoolException stopped = loop.stopped();
        if (stopped != null) { // nobody would complete it: the fold has ended
            pending.failAll(stopped);
        }
        return outcome;
    }

    /** @return the outcome of the operation, once folded */
    Outcome call(Operation op) {
        return await(append(op), op.op().wireName() + " of '" + op.subject() + "'");
    }

    /** @return {@code result} applied to the operation's outcome, on the callbacks thread: never the fold thread */
    <T> CompletableFuture<T> appendAsync(Operation op, Function<Outcome, T> result) {
        return append(op).thenApplyAsync(result, callbacks);
    }

    void sync() {
        await(loop.sync(), "sync");
    }

    /** Like {@link #sync()}, but a long log may take longer than the operation timeout: it waits while the fold advances. */
    private void catchUp() {
        CompletableFuture<Void> caughtUp = loop.sync();
        long folded = -1;
        while (!caughtUp.isDone() && replica.folded() > folded) {
            folded = replica.folded();
            try {
                caughtUp.get(options.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.info("Shared dict '{}': replaying its log, {} operations so far", name, replica.folded());
            } catch (ExecutionException e) {
                break; // await below reports it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // await below reports it
                break;
            }
        }
        await(caughtUp, "reading the log up to its end");
    }

    ScheduledFuture<?> every(Duration period, Runnable task) {
        return timers.scheduleAtFixedRate(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    void held(KafkaSharedLock lock, boolean held) {
        if (held) {
            heldLocks.add(lock);
        } else {
            heldLocks.remove(lock);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            heldLocks.forEach(KafkaSharedLock::releaseOnClose);
            writer.close();
            pending.awaitAll(CLOSE_TIMEOUT); // writes in flight (and those releases) are confirmed, or given up on
        } finally {
            loop.stop();
            join(foldThread);
            producer.close(CLOSE_TIMEOUT);
            meters.close();
            stop(timers);
            stop(callbacks);
        }
    }

    <T> T await(CompletableFuture<T> future, String what) {
        long timeoutMs = options.operationTimeout().toMillis() + CLOSE_TIMEOUT.toMillis();
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new SharedDictException("Shared dict '" + name + "': " + what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new SharedDictTimeoutException("Shared dict '" + name + "': " + what + " got no answer within " + timeoutMs + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SharedDictException("Shared dict '" + name + "': interrupted while waiting for " + what, e);
        }
    }

    private void join(Thread thread) {
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Shared dict '{}': thread {} did not stop within {}", name, thread.getName(), CLOSE_TIMEOUT);
        }
    }

    private static void stop(ExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String threadName) {
        return runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        };
    }
}
