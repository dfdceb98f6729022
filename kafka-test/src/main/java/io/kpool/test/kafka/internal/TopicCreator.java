package io.kpool.test.kafka.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Creates a topic and waits until the broker serves it: every partition known and led. Creation returns once
 * the controller has the topic; the broker's metadata follows a moment later.
 */
final class TopicCreator {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

    private TopicCreator() {
    }

    /**
     * Creates {@code topic} with the broker's default replication factor and waits for it.
     *
     * @throws IllegalStateException if creation fails or the topic is not ready within {@code timeout}
     */
    static void create(Admin admin, String topic, int partitions, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
                    .all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            while (!isReady(admin, topic, partitions, deadline)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("topic " + topic + " has no leader for all " + partitions
                            + " partitions after " + timeout.toSeconds() + " s");
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("creating topic " + topic + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("creating topic " + topic + " took more than " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }

    private static boolean isReady(Admin admin, String topic, int partitions, Instant deadline)
            throws ExecutionException, TimeoutException, InterruptedException {
        long remainingMs = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(remainingMs, TimeUnit.MILLISECONDS).get(topic);
            if (description.partitions().size() != partitions
                    || !description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                return false;
            }
            // Metadata names a leader a moment before it serves the partition; a ListOffsets answer proves it does
            // (an idempotent producer's first batch meeting NOT_LEADER_OR_FOLLOWER can leave it stuck).
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            admin.listOffsets(latest).all().get(remainingMs, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                return false;
            }
            throw e;
        }
    }
}
