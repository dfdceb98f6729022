package io.kpool.core;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Where a kpool endpoint connects and who it is: the part every options type shares
 * ({@code QueueOptions}, {@code PoolClientOptions}, {@code PoolWorkerOptions}, {@code SharedDictOptions}).
 *
 * @param clientId names the endpoint in logs, Kafka client ids and message headers
 * @param kafkaProperties Kafka client properties (bootstrap servers, security, tuning); kpool fixes only
 *     what its guarantees depend on (byte-array serdes, manual commits, idempotent sends)
 * @param replicationFactor replication factor of the topics kpool creates; empty for the broker's default
 */
public record ConnectionOptions(String clientId, Map<String, Object> kafkaProperties, Optional<Short> replicationFactor) {

    /** Validates every field; the message names the setting. */
    public ConnectionOptions {
        if (clientId == null || clientId.isBlank()) {
            throw new KpoolConfigException("clientId must not be empty, got '" + clientId + "'");
        }
        kafkaProperties = Map.copyOf(Objects.requireNonNull(kafkaProperties, "kafkaProperties"));
        if (!kafkaProperties.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new KpoolConfigException("Kafka property " + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG
                    + " is required (set KAFKA_BOOTSTRAP_SERVERS, e.g. localhost:9092)");
        }
        Objects.requireNonNull(replicationFactor, "replicationFactor");
        replicationFactor.ifPresent(factor -> {
            if (factor < 1) {
                throw new KpoolConfigException(KpoolConfig.REPLICATION_FACTOR + " must be -1 (the broker's default) or at least 1, got "
                        + factor);
            }
        });
    }

    /**
     * @param settings loaded configuration: the Kafka properties and {@value KpoolConfig#REPLICATION_FACTOR}
     * @param clientId names the endpoint; null or blank for {@code <generatedPrefix>-<8 random hex digits>}
     * @param generatedPrefix prefix of a generated client id, e.g. {@code "pool"}
     * @return the options
     */
    public static ConnectionOptions from(KpoolSettings settings, String clientId, String generatedPrefix) {
        short replication = (Short) settings.get(KpoolConfig.REPLICATION_FACTOR);
        return new ConnectionOptions(
                clientId == null || clientId.isBlank() ? generatedPrefix + "-" + UUID.randomUUID().toString().substring(0, 8) : clientId,
                settings.kafkaProperties(),
                replication > 0 ? Optional.of(replication) : Optional.empty());
    }

    /** @return the bootstrap servers the clients connect to */
    public String bootstrapServers() {
        return String.valueOf(kafkaProperties.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
    }
}
