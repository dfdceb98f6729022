package io.kpool.pool.internal.client;

import io.kpool.core.internal.kafka.MessageType;
import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.TaskTimeoutException;
import io.kpool.pool.internal.wire.PoolHeaders;
import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.ResultWire;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns a pool client's reply consumer. It reads only this client's partition of
 * the callback topic (assigned, no group), skips other clients' results by their client-id header,
 * completes pending tasks, hands callbacks to the callback thread, and fails tasks past the pool's
 * task timeout.
 */
final class ReplyReader implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyReader.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final long EXPIRY_CHECK_NANOS = Duration.ofMillis(200).toNanos();

    private final Consumer<byte[], byte[]> consumer;
    private final PoolClientOptions options;
    private final TaskIds ids;
    private final Map<Long, PendingTask<?>> pending;
    private final TaskCosts costs;
    private final Executor callbacks;
    private final AtomicLong skipped = new AtomicLong();
    private volatile boolean running = true;
    private long nextExpiryCheck = System.nanoTime();

    ReplyReader(Consumer<byte[], byte[]> consumer, PoolClientOptions options, TaskIds ids, Map<Long, PendingTask<?>> pending,
                TaskCosts costs, Executor callbacks) {
        this.consumer = consumer;
        this.options = options;
        this.ids = ids;
        this.pending = pending;
        this.costs = costs;
        this.callbacks = callbacks;
    }

    /**
     * Assigns the reply partition and moves to its end, so only results of tasks submitted from now on are read.
     *
     * @return the partition
     */
    int assign() {
        int count = consumer.partitionsFor(options.callbackTopic(), Duration.ofSeconds(30)).size();
        TopicPartition partition = new TopicPartition(options.callbackTopic(), options.effectiveReplyPartition(count));
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        consumer.position(partition, Duration.ofSeconds(30));
        return partition.partition();
    }

    @Override
    public void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    accept(record);
                }
                expireOverdue();
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("{}: reply reader woken up unexpectedly; results will not arrive", options.clientId(), e);
            }
        } catch (RuntimeException e) {
            LOG.error("{}: reply reader failed; results will not arrive", options.clientId(), e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    void stop() {
        running = false;
        consumer.wakeup();
    }

    /** @return results read that belonged to other clients sharing the partition */
    long skipped() {
        return skipped.get();
    }

    private void accept(ConsumerRecord<byte[], byte[]> record) {
        String client = PoolHeaders.text(record.headers(), PoolHeaders.CLIENT_ID);
        if (client != null && !client.equals(options.clientId())) {
            skipped.incrementAndGet();
            return;
        }
        List<ResultMessage> results;
        try {
            results = ResultWire.readResults(record.value(),
                    MessageType.of(record.headers(), MessageType.RESULT).orElse(null) == MessageType.RESULT_BATCH);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            LOG.warn("{}: skipping an invalid result at {}-{}@{}: {}", options.clientId(), record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return;
        }
        results.forEach(this::accept);
    }

    private void accept(ResultMessage result) {
        long sequence = ids.sequenceOf(result.id());
        PendingTask<?> task = sequence < 0 ? null : pending.remove(sequence);
        if (task == null) {
            LOG.debug("{}: result for task {} dropped: already answered, timed out or not ours", options.clientId(), result.id());
            return;
        }
        if (result.runMicros() != null) {
            costs.record(task.task(), result.runMicros());
        }
        dispatch(task.resolve(result));
    }

    private void expireOverdue() {
        long now = System.nanoTime();
        if (options.taskTimeout().isZero() || now - nextExpiryCheck < 0) {
            return;
        }
        nextExpiryCheck = now + EXPIRY_CHECK_NANOS;
        pending.values().removeIf(task -> {
            if (!task.expired(now)) {
                return false;
            }
            LOG.warn("{}: task '{}' ({}) timed out after {}; a late result will be dropped", options.clientId(),
                    task.task(), task.id(), options.taskTimeout());
            dispatch(task.fail(new TaskTimeoutException("No result for task '" + task.task() + "' (" + task.id()
                    + ") within the pool's task timeout of " + options.taskTimeout())));
            return true;
        });
    }

    /** Runs a callback on the callback thread (null: nothing to run); a callback that throws is logged. */
    void dispatch(Runnable callback) {
        if (callback != null) {
            callbacks.execute(() -> {
                try {
                    callback.run();
                } catch (RuntimeException e) {
                    LOG.error("{}: a callback threw; the pool goes on", options.clientId(), e);
                }
            });
        }
    }

    static Map<Long, PendingTask<?>> newPendingMap() {
        return new ConcurrentHashMap<>();
    }
}
