package io.kpool.core.internal.kafka;

import io.kpool.core.ConnectionOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Creates share-group consumers (KIP-932) from kpool's connection settings. */
public final class ShareConsumers {
    /** Consumer settings a share consumer refuses (Kafka's {@code ShareConsumerConfig}); dropped from the user's properties. */
    private static final List<String> UNSUPPORTED = List.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG,
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, ConsumerConfig.GROUP_PROTOCOL_CONFIG,
            ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG);

    private ShareConsumers() {
    }

    /**
     * @param connection where to connect and who we are
     * @param group the share group to join
     * @param maxRecords the most records one poll acquires: {@code share.acquire.mode=record_limit} makes the
     *     broker acquire no more than this ({@code max.poll.records}), so a member never holds records it has no
     *     room for
     * @return a byte-array share consumer with explicit acknowledgement
     */
    public static KafkaShareConsumer<byte[], byte[]> create(ConnectionOptions connection, String group, int maxRecords) {
        Map<String, Object> props = new HashMap<>(connection.kafkaProperties());
        props.keySet().retainAll(ConsumerConfig.configNames());
        UNSUPPORTED.forEach(props::remove);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, connection.clientId());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit");
        props.put(ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxRecords);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaShareConsumer<>(props);
    }
}
