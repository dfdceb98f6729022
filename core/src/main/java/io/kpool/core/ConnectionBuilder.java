package io.kpool.core;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The builder methods every kpool options builder shares: the client id, the broker, Kafka client
 * properties and the replication factor of created topics. Validation happens when the options are built.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
public abstract class ConnectionBuilder<B extends ConnectionBuilder<B>> {
    private String clientId;
    private final Map<String, Object> kafkaProperties;
    private Optional<Short> replicationFactor;

    /** @param from the connection to start from */
    protected ConnectionBuilder(ConnectionOptions from) {
        clientId = from.clientId();
        kafkaProperties = new TreeMap<>(from.kafkaProperties());
        replicationFactor = from.replicationFactor();
    }

    /** @return this builder as its concrete type */
    protected abstract B self();

    /** @param value names this endpoint in logs, Kafka client ids and headers @return this */
    public B clientId(String value) {
        clientId = value;
        return self();
    }

    /** @param value the broker(s), e.g. {@code localhost:9092} @return this */
    public B bootstrapServers(String value) {
        kafkaProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, value);
        return self();
    }

    /** @param key a Kafka client property, e.g. {@code security.protocol} @param value its value @return this */
    public B kafkaProperty(String key, Object value) {
        kafkaProperties.put(key, value);
        return self();
    }

    /** @param value replication factor of the topics kpool creates; -1 for the broker's default @return this */
    public B replicationFactor(int value) {
        replicationFactor = value < 0 ? Optional.empty() : Optional.of((short) value);
        return self();
    }

    /**
     * @return the connection as set so far
     * @throws KpoolConfigException naming a bad setting
     */
    protected ConnectionOptions connection() {
        return new ConnectionOptions(clientId, kafkaProperties, replicationFactor);
    }
}
