package io.kpool.cli;

import io.kpool.core.KpoolSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** The Kafka clients the inspect commands use, from the user's Kafka properties (security included). */
final class Clients {
    /** The inspect commands only read: once a command is done or has given up, no pending call is worth a wait. */
    private static final Duration CLOSE_TIMEOUT = Duration.ZERO;

    private Clients() {
    }

    static Admin admin(KpoolSettings settings) {
        Map<String, Object> props = new HashMap<>(settings.kafkaProperties());
        props.keySet().retainAll(AdminClientConfig.configNames());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "kpool-inspect");
        return new ForwardingAdmin(props) {
            @Override
            public void close() { // Admin.close() waits for pending calls: a minute against a broker that is not there
                close(CLOSE_TIMEOUT);
            }
        };
    }

    /** @return a consumer outside any group, for partitions it assigns itself */
    static KafkaConsumer<byte[], byte[]> consumer(KpoolSettings settings) {
        Map<String, Object> props = new HashMap<>(settings.kafkaProperties());
        props.keySet().retainAll(ConsumerConfig.configNames());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "kpool-inspect");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
