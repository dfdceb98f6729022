package io.kpool.queue;

import io.kpool.core.KpoolConfig;
import io.kpool.core.KpoolConfigException;
import io.kpool.core.KpoolSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Immutable settings of one queue endpoint (producer or consumer). Build it from loaded
 * {@link KpoolSettings} with {@link #from(KpoolSettings, String)}, or by hand with {@link #builder()}.
 *
 * @param topic the queue topic
 * @param group the consumer group whose commits are {@code task_done}
 * @param partitions partitions when kpool creates the topic
 * @param replicationFactor replication factor when kpool creates topics; empty for the broker's default
 * @param deadLetterTopic where invalid records go
 * @param bufferSize items a consumer fetches ahead of {@code get}
 * @param revokeWait how long a rebalance waits for handed-out items
 * @param joinProgressInterval how often {@code join} logs progress
 * @param clientId names this endpoint in logs and in Kafka's client ids
 * @param kafkaProperties Kafka client properties (bootstrap servers, security...)
 */
public record QueueOptions(String topic, String group, int partitions, Optional<Short> replicationFactor,
                           String deadLetterTopic, int bufferSize, Duration revokeWait,
                           Duration joinProgressInterval, String clientId, Map<String, Object> kafkaProperties) {

    /** Validates every field; the message names the setting. */
    public QueueOptions {
        requireText(topic, KpoolConfig.QUEUE_TOPIC);
        requireText(group, KpoolConfig.QUEUE_GROUP);
        requireText(clientId, "clientId");
        if (partitions < 1) {
            throw new KpoolConfigException(KpoolConfig.QUEUE_PARTITIONS + " must be at least 1, got " + partitions);
        }
        if (bufferSize < 1) {
            throw new KpoolConfigException(KpoolConfig.QUEUE_BUFFER_SIZE + " must be at least 1, got " + bufferSize);
        }
        Objects.requireNonNull(replicationFactor, "replicationFactor");
        deadLetterTopic = deadLetterTopic == null || deadLetterTopic.isBlank() ? topic + ".DLT" : deadLetterTopic;
        if (deadLetterTopic.equals(topic)) {
            throw new KpoolConfigException(KpoolConfig.QUEUE_DEAD_LETTER_TOPIC + " must differ from the queue topic '" + topic + "'");
        }
        requirePositive(revokeWait, KpoolConfig.QUEUE_REVOKE_WAIT_MS, true);
        requirePositive(joinProgressInterval, KpoolConfig.JOIN_PROGRESS_INTERVAL_MS, false);
        kafkaProperties = Map.copyOf(Objects.requireNonNull(kafkaProperties, "kafkaProperties"));
        if (!kafkaProperties.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new KpoolConfigException("Kafka property " + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG
                    + " is required (set KAFKA_BOOTSTRAP_SERVERS, e.g. localhost:9092)");
        }
    }

    /**
     * Options from loaded settings.
     *
     * @param settings loaded configuration
     * @param clientId names this endpoint (e.g. the consumer's name); null or blank for a generated one
     * @return the options
     */
    public static QueueOptions from(KpoolSettings settings, String clientId) {
        short replication = (Short) settings.get(KpoolConfig.REPLICATION_FACTOR);
        return new QueueOptions(
                (String) settings.get(KpoolConfig.QUEUE_TOPIC),
                (String) settings.get(KpoolConfig.QUEUE_GROUP),
                (Integer) settings.get(KpoolConfig.QUEUE_PARTITIONS),
                replication > 0 ? Optional.of(replication) : Optional.empty(),
                (String) settings.get(KpoolConfig.QUEUE_DEAD_LETTER_TOPIC),
                (Integer) settings.get(KpoolConfig.QUEUE_BUFFER_SIZE),
                Duration.ofMillis((Long) settings.get(KpoolConfig.QUEUE_REVOKE_WAIT_MS)),
                Duration.ofMillis((Long) settings.get(KpoolConfig.JOIN_PROGRESS_INTERVAL_MS)),
                clientId == null || clientId.isBlank() ? generatedClientId() : clientId,
                settings.kafkaProperties());
    }

    /** @return a builder holding every default of {@link KpoolConfig} and {@code localhost:9092} */
    public static Builder builder() {
        return new Builder(from(KpoolSettings.load(null, Map.of(), Map.of()), null));
    }

    /** @return a builder starting from these options */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static String generatedClientId() {
        return "kpool-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new KpoolConfigException(name + " must not be empty");
        }
    }

    private static void requirePositive(Duration value, String name, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new KpoolConfigException(name + " must be " + (zeroAllowed ? "zero or more" : "positive") + ", got " + value);
        }
    }

    /** Builds {@link QueueOptions}; validation happens in {@link #build()}. */
    public static final class Builder {
        private String topic;
        private String group;
        private int partitions;
        private Optional<Short> replicationFactor;
        private String deadLetterTopic;
        private int bufferSize;
        private Duration revokeWait;
        private Duration joinProgressInterval;
        private String clientId;
        private final Map<String, Object> kafkaProperties;

        private Builder(QueueOptions from) {
            topic = from.topic;
            group = from.group;
            partitions = from.partitions;
            replicationFactor = from.replicationFactor;
            deadLetterTopic = from.deadLetterTopic.equals(from.topic + ".DLT") ? "" : from.deadLetterTopic;
            bufferSize = from.bufferSize;
            revokeWait = from.revokeWait;
            joinProgressInterval = from.joinProgressInterval;
            clientId = from.clientId;
            kafkaProperties = new TreeMap<>(from.kafkaProperties);
        }

        /** @param value the queue topic @return this */
        public Builder topic(String value) { topic = value; return this; }

        /** @param value the consumer group @return this */
        public Builder group(String value) { group = value; return this; }

        /** @param value partitions when kpool creates the topic @return this */
        public Builder partitions(int value) { partitions = value; return this; }

        /** @param value the dead-letter topic; empty for {@code <topic>.DLT} @return this */
        public Builder deadLetterTopic(String value) { deadLetterTopic = value; return this; }

        /** @param value items fetched ahead of {@code get} @return this */
        public Builder bufferSize(int value) { bufferSize = value; return this; }

        /** @param value how long a rebalance waits for handed-out items @return this */
        public Builder revokeWait(Duration value) { revokeWait = value; return this; }

        /** @param value how often {@code join} logs progress @return this */
        public Builder joinProgressInterval(Duration value) { joinProgressInterval = value; return this; }

        /** @param value names this endpoint @return this */
        public Builder clientId(String value) { clientId = value; return this; }

        /** @param value the broker(s), e.g. {@code localhost:9092} @return this */
        public Builder bootstrapServers(String value) {
            kafkaProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, value);
            return this;
        }

        /** @param key a Kafka client property @param value its value @return this */
        public Builder kafkaProperty(String key, Object value) { kafkaProperties.put(key, value); return this; }

        /** @return validated options @throws KpoolConfigException naming a bad setting */
        public QueueOptions build() {
            return new QueueOptions(topic, group, partitions, replicationFactor, deadLetterTopic, bufferSize,
                    revokeWait, joinProgressInterval, clientId, kafkaProperties);
        }
    }
}
