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
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code JoinableQueue.join()}: polls the consumer group's committed offsets until they cover
 * every record the producer sent, logging progress at the configured interval. A broker that cannot answer for a
 * while (restarting, moving the group's coordinator) only delays the join: it asks again until its deadline.
 */
final class JoinWaiter {
    private static final Logger LOG = LoggerFactory.getLogger(JoinWaiter.class);
    private static final long CHECK_INTERVAL_MS = 100;
    private static final long LOOKUP_TIMEOUT_MS = 10_000;

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
        long done = 0;
        while (true) {
            Map<Integer, Long> committed = committedPositions(deadline);
            done = committed == null ? done : sent.countCommitted(committed);
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

    /**
     * @return the group's committed offsets of the topic's partitions, or null if the broker cannot tell now (it is
     *     away, restarting, or moving the group's coordinator): the join asks again until its deadline
     */
    private Map<Integer, Long> committedPositions(long deadline) {
        long waitMs = Math.max(1, Math.min(LOOKUP_TIMEOUT_MS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(options.group())
                    .partitionsToOffsetAndMetadata().get(waitMs, TimeUnit.MILLISECONDS);
            Map<Integer, Long> positions = new HashMap<>();
            committed.forEach((partition, offset) -> {
                if (partition.topic().equals(options.topic()) && offset != null) {
                    positions.put(partition.partition(), offset.offset());
                }
            });
            return positions;
        } catch (TimeoutException e) {
            LOG.warn("{}: no answer about the commits of group '{}' within {} ms; asking again", options.clientId(),
                    options.group(), waitMs);
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                LOG.warn("{}: cannot read the commits of group '{}' yet ({}); asking again", options.clientId(), options.group(),
                        e.getCause().toString());
                return null;
            }
            throw new KpoolException("join cannot read the committed offsets of group '" + options.group() + "': "
                    + e.getCause(), e.getCause());
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
