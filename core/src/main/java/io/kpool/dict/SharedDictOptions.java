package io.kpool.dict;

import io.kpool.core.KpoolConfig;
import io.kpool.core.KpoolConfigException;
import io.kpool.core.KpoolSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Immutable settings of a {@link SharedDict} client. Build it from loaded {@link KpoolSettings} with
 * {@link #from(KpoolSettings, String)}, or by hand with {@link #builder()}.
 *
 * @param topicPrefix a dict named {@code N} lives on the topic {@code <topicPrefix>N}
 * @param replicationFactor replication factor when kpool creates the dict's topic; empty for the broker's default
 * @param lockLease how long a lock grant lasts unless renewed (holders renew every third of it)
 * @param operationTimeout how long a write waits to see itself applied
 * @param clientId names this client in logs, Kafka client ids and lock owners
 * @param kafkaProperties Kafka client properties (bootstrap servers, security...)
 */
public record SharedDictOptions(String topicPrefix, Optional<Short> replicationFactor, Duration lockLease,
                                Duration operationTimeout, String clientId, Map<String, Object> kafkaProperties) {
    private static final Pattern TOPIC_CHARACTERS = Pattern.compile("[A-Za-z0-9._-]+");

    /** Validates every field; the message names the setting, the value and what is allowed. */
    public SharedDictOptions {
        if (topicPrefix == null || !TOPIC_CHARACTERS.matcher(topicPrefix).matches() || topicPrefix.length() > 40) {
            throw new KpoolConfigException(KpoolConfig.DICT_TOPIC_PREFIX + " must be 1-40 letters, digits, '.', '_' or '-', got '"
                    + topicPrefix + "'");
        }
        Objects.requireNonNull(replicationFactor, "replicationFactor");
        if (lockLease == null || lockLease.toMillis() < 100) {
            throw new KpoolConfigException(KpoolConfig.DICT_LOCK_LEASE_MS + " must be at least 100 ms, got " + lockLease);
        }
        if (operationTimeout == null || operationTimeout.toMillis() < 1) {
            throw new KpoolConfigException(KpoolConfig.DICT_OPERATION_TIMEOUT_MS + " must be positive, got " + operationTimeout);
        }
        if (clientId == null || clientId.isBlank()) {
            throw new KpoolConfigException("clientId must not be empty");
        }
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
     * @param clientId names this client; null or blank for a generated one
     * @return the options
     */
    public static SharedDictOptions from(KpoolSettings settings, String clientId) {
        short replication = (Short) settings.get(KpoolConfig.REPLICATION_FACTOR);
        return new SharedDictOptions(
                (String) settings.get(KpoolConfig.DICT_TOPIC_PREFIX),
                replication > 0 ? Optional.of(replication) : Optional.empty(),
                Duration.ofMillis((Long) settings.get(KpoolConfig.DICT_LOCK_LEASE_MS)),
                Duration.ofMillis((Long) settings.get(KpoolConfig.DICT_OPERATION_TIMEOUT_MS)),
                clientId == null || clientId.isBlank() ? "kpool-" + UUID.randomUUID().toString().substring(0, 8) : clientId,
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

    /**
     * @param dictName the dict's name
     * @return the topic the dict lives on
     */
    public String topicFor(String dictName) {
        return topicPrefix + dictName;
    }

    /** Builds {@link SharedDictOptions}; validation happens in {@link #build()}. */
    public static final class Builder {
        private String topicPrefix;
        private Optional<Short> replicationFactor;
        private Duration lockLease;
        private Duration operationTimeout;
        private String clientId;
        private final Map<String, Object> kafkaProperties;

        private Builder(SharedDictOptions from) {
            topicPrefix = from.topicPrefix;
            replicationFactor = from.replicationFactor;
            lockLease = from.lockLease;
            operationTimeout = from.operationTimeout;
            clientId = from.clientId;
            kafkaProperties = new TreeMap<>(from.kafkaProperties);
        }

        /** @param value prefix of the dicts' topics @return this */
        public Builder topicPrefix(String value) { topicPrefix = value; return this; }

        /** @param value replication factor of created topics, or -1 for the broker's default @return this */
        public Builder replicationFactor(short value) { replicationFactor = value > 0 ? Optional.of(value) : Optional.empty(); return this; }

        /** @param value how long a lock grant lasts unless renewed @return this */
        public Builder lockLease(Duration value) { lockLease = value; return this; }

        /** @param value how long a write waits to see itself applied @return this */
        public Builder operationTimeout(Duration value) { operationTimeout = value; return this; }

        /** @param value names this client @return this */
        public Builder clientId(String value) { clientId = value; return this; }

        /** @param value the broker(s), e.g. {@code localhost:9092} @return this */
        public Builder bootstrapServers(String value) {
            kafkaProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, value);
            return this;
        }

        /** @param key a Kafka client property @param value its value @return this */
        public Builder kafkaProperty(String key, Object value) { kafkaProperties.put(key, value); return this; }

        /** @return validated options @throws KpoolConfigException naming a bad setting */
        public SharedDictOptions build() {
            return new SharedDictOptions(topicPrefix, replicationFactor, lockLease, operationTimeout, clientId, kafkaProperties);
        }
    }
}
