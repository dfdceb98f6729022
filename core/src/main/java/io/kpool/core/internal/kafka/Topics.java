package io.kpool.core.internal.kafka;

import io.kpool.core.KpoolException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics kpool needs, idempotently. With no broker answering, creation fails after {@link #TIMEOUT}
 * with one message saying so; the admin call itself ends then too, so that closing the admin client has nothing
 * left to wait for.
 */
public final class Topics {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How much longer than the admin call's own timeout its future is waited for, before giving up on it. */
    private static final Duration SLACK = Duration.ofSeconds(2);

    private Topics() {
    }

    /**
     * Creates the topic unless it exists (an existing topic is left as it is).
     *
     * @param admin an admin client
     * @param name the topic
     * @param partitions partitions if created
     * @param replicationFactor replication factor if created; empty for the broker's default
     * @return true if this call created it
     */
    public static boolean ensure(Admin admin, String name, int partitions, Optional<Short> replicationFactor) {
        return ensure(admin, name, partitions, replicationFactor, Map.of());
    }

    /**
     * Creates the topic with the given topic configs unless it exists (an existing topic is left as it is).
     *
     * @param admin an admin client
     * @param name the topic
     * @param partitions partitions if created
     * @param replicationFactor replication factor if created; empty for the broker's default
     * @param configs topic configs if created, e.g. {@code retention.ms}
     * @return true if this call created it
     */
    public static boolean ensure(Admin admin, String name, int partitions, Optional<Short> replicationFactor,
                                 Map<String, String> configs) {
        boolean created = create(admin, name, partitions, replicationFactor, configs);
        awaitLeaders(admin, name);
        return created;
    }

    /**
     * @param admin an admin client
     * @param topic an existing topic
     * @param key a topic config, e.g. {@code max.message.bytes}
     * @return its value (the topic's own or the broker's default), empty if it could not be read
     */
    public static Optional<String> config(Admin admin, String topic, String key) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            ConfigEntry entry = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(resource).get(key);
            return entry == null || entry.value() == null ? Optional.empty() : Optional.of(entry.value());
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Waits until every partition's leader serves it. Metadata names a new partition's leader a moment
     * before that broker can take writes: an idempotent producer whose first batch meets
     * NOT_LEADER_OR_FOLLOWER there can be left retrying its next batches as OUT_OF_ORDER_SEQUENCE
     * until they expire. A ListOffsets answer from every leader rules that out.
     */
    private static void awaitLeaders(Admin admin, String name) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(List.of(name)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(name)
                        .partitions().forEach(info -> latest.put(new TopicPartition(name, info.partition()), OffsetSpec.latest()));
                admin.listOffsets(latest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() - deadline > 0) {
                    throw new KpoolException("Topic '" + name + "' has partitions without a serving leader: "
                            + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new KpoolException("Topic '" + name + "': no answer from the broker in " + TIMEOUT.toSeconds() + " s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KpoolException("Interrupted while waiting for topic '" + name + "'", e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KpoolException("Interrupted while waiting for topic '" + name + "'", e);
            }
        }
    }

    private static boolean create(Admin admin, String name, int partitions, Optional<Short> replicationFactor,
                                  Map<String, String> configs) {
        try {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), replicationFactor).configs(configs)),
                    new CreateTopicsOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .all().get(TIMEOUT.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw noAnswer(name, e.getCause());
            }
            throw new KpoolException("Cannot create topic '" + name + "': " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw noAnswer(name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpoolException("Interrupted while creating topic '" + name + "'", e);
        }
    }

    private static KpoolException noAnswer(String topic, Throwable cause) {
        return new KpoolException("Cannot create topic '" + topic + "': no answer from the broker in " + TIMEOUT.toSeconds()
                + " s (is Kafka running at the configured bootstrap.servers?)", cause);
    }
}
