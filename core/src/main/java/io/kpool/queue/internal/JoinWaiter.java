package io.kpool.queue.internal;

import io.kpool.core.KpoolException;
import io.kpool.queue.JoinTimeoutException;
import io.kpool.queue.QueueOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code JoinableQueue.join()}: polls the consumer group's committed offsets until they cover
 * every record the producer sent, logging progress at the configured interval.
 */
final class JoinWaiter {
    private static final Logger LOG = LoggerFactory.getLogger(JoinWaiter.class);
    private static final long CHECK_INTERVAL_MS = 100;

    private final Admin admin;
    private final QueueOptions options;

    JoinWaiter(Admin admin, QueueOptions options) {
        this.admin = admin;
        this.options = options;
    }

    void await(SentOffsets sent, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextReport = start + options.joinProgressInterval().toNanos();
        long total = sent.total();
        while (true) {
            long done = sent.countCommitted(committedPositions());
            if (done == total) {
                LOG.info("{} joined: all {} item(s) processed by group '{}'", options.clientId(), total, options.group());
                return;
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                throw new JoinTimeoutException("join timed out after " + timeout + ": " + done + " of " + total
                        + " item(s) put by " + options.clientId() + " on topic '" + options.topic()
                        + "' were processed by consumer group '" + options.group()
                        + "'. Is a consumer of that group running (consumer-app --group " + options.group() + ")?");
            }
            if (now - nextReport >= 0) {
                LOG.info("{} joining: {}/{} item(s) processed by group '{}'", options.clientId(), done, total, options.group());
                nextReport = now + options.joinProgressInterval().toNanos();
            }
            sleep(Math.min(CHECK_INTERVAL_MS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - now))));
        }
    }

    private Map<Integer, Long> committedPositions() {
        if (options.delivery().isShare()) {
            return ShareGroupPositions.read(admin, options);
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(options.group())
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<Integer, Long> positions = new HashMap<>();
            committed.forEach((partition, offset) -> {
                if (partition.topic().equals(options.topic()) && offset != null) {
                    positions.put(partition.partition(), offset.offset());
                }
            });
            return positions;
        } catch (ExecutionException | TimeoutException e) {
            throw new KpoolException("join cannot read the committed offsets of group '" + options.group() + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpoolException("Interrupted while joining", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpoolException("Interrupted while joining", e);
        }
    }
}
