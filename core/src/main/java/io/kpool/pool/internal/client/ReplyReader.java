package io.kpool.pool.internal.client;

import io.kpool.core.KpoolException;
import io.kpool.core.RecordText;
import io.kpool.core.internal.kafka.MessageType;
import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.internal.wire.PoolHeaders;
import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.ResultWire;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
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
 * hands each result to the {@link PendingTasks}, and has them fail the tasks past the pool's task
 * timeout. If it fails, every pending task fails at once and the pool refuses new ones: their results
 * could never arrive.
 */
final class ReplyReader implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyReader.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private final Consumer<byte[], byte[]> consumer;
    private final PoolClientOptions options;
    private final PendingTasks pending;
    private final TaskCosts costs;
    private final AtomicLong skipped = new AtomicLong();
    private volatile boolean running = true;

    ReplyReader(Consumer<byte[], byte[]> consumer, PoolClientOptions options, PendingTasks pending, TaskCosts costs) {
        this.consumer = consumer;
        this.options = options;
        this.pending = pending;
        this.costs = costs;
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
                pending.expireOverdue();
            }
        } catch (WakeupException e) {
            if (running) {
                failEverything("was woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            failEverything("failed", e);
        } catch (Error e) {
            failEverything("failed", e);
            throw e;
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** No result can arrive any more: every pending task fails now, and the pool accepts no new one. */
    private void failEverything(String what, Throwable cause) {
        String failure = "the reply reader " + what + " (" + cause + ")";
        pending.refuse(new KpoolException(failure, cause));
        int failed = pending.failAll(task -> new KpoolException("Pool " + options.clientId() + ": " + failure
                + ", so the result of " + task.describe() + " can never arrive", cause));
        LOG.error("{}: {}; {} pending task(s) failed and no new task is accepted", options.clientId(), failure, failed, cause);
    }

    /** Stops reading: the thread closes the consumer and ends. */
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
                    record.partition(), record.offset(), RecordText.forLog(e.getMessage()));
            return;
        }
        results.forEach(this::accept);
    }

    private void accept(ResultMessage result) {
        PendingTask<?> task = pending.complete(result);
        if (task != null && result.runMicros() != null) {
            costs.record(task.task(), result.runMicros());
        }
    }
}
