package io.kpool.core.internal.kafka;

import io.kpool.core.ConnectionOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Creates the Kafka clients behind kpool from the user's properties, fixing only what kpool's
 * guarantees depend on (raw bytes, manual commits, idempotent sends) and leaving the rest (security,
 * timeouts, tuning) to the user.
 */
public final class KafkaClients {
    /**
     * How long closing an admin client may take: {@code Admin.close()} without a timeout waits for every
     * pending call, up to a minute against a broker that is not there. The admin clients made here close within
     * it whichever {@code close} is called.
     */
    public static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** Consumer settings that the classic group protocol has and KIP-848's refuses. */
    private static final List<String> CLASSIC_ONLY = List.of(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);

    /**
     * Every kpool consumer reads committed records only (unless the user says otherwise): it costs nothing on
     * topics written without transactions, and hides the aborted results of exactly-once workers. It also makes a
     * group member's offset fetch wait for offsets still in a transaction.
     */
    private static final String READ_COMMITTED = IsolationLevel.READ_COMMITTED.toString();

    private KafkaClients() {
    }

    /**
     * A Kafka client setting as the client will use it: the user's value parsed by Kafka's own definition of
     * it, else Kafka's default.
     *
     * @param connection the user's Kafka properties
     * @param definition the client's settings, e.g. {@code ConsumerConfig.configDef()}
     * @param key the setting, e.g. {@code max.poll.interval.ms}
     * @return its value, typed as Kafka defines it
     */
    public static Object setting(ConnectionOptions connection, ConfigDef definition, String key) {
        ConfigDef.ConfigKey setting = definition.configKeys().get(key);
        Object value = connection.kafkaProperties().get(key);
        return value == null ? setting.defaultValue : ConfigDef.parseType(key, value, setting.type);
    }

    /**
     * @param connection where to connect and who we are
     * @param role suffix of the client id, e.g. "producer"
     * @return a byte-array producer with acks=all and idempotence
     */
    public static KafkaProducer<byte[], byte[]> producer(ConnectionOptions connection, String role) {
        return producer(connection.kafkaProperties(), connection.clientId() + "-" + role);
    }

    /**
     * @param kafkaProperties the user's Kafka client properties; those that are no producer property are ignored
     * @param clientId the producer's client id
     * @return a byte-array producer with acks=all (unless the user chose otherwise) and idempotence
     */
    public static KafkaProducer<byte[], byte[]> producer(Map<String, Object> kafkaProperties, String clientId) {
        Map<String, Object> props = new HashMap<>(kafkaProperties);
        props.keySet().retainAll(ProducerConfig.configNames());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        // Results of many tasks share one reply partition: with Kafka's 16 KB default a partition's
        // batches (×5 in flight) cap its throughput at a few hundred records per round trip.
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(props);
    }

    /**
     * A producer whose writes commit in transactions: a process started again with the same id fences the
     * one before it and aborts what that left open. A transaction times out after 10 s unless the user set
     * {@code transaction.timeout.ms}: until then, a killed producer's open transaction holds back
     * {@code read_committed} readers of its partitions.
     *
     * @param connection where to connect and who we are
     * @param role suffix of the client id, e.g. "results"
     * @param transactionalId stable per process identity
     * @return the producer, {@code initTransactions} done
     */
    public static KafkaProducer<byte[], byte[]> transactionalProducer(ConnectionOptions connection, String role, String transactionalId) {
        Map<String, Object> props = new HashMap<>(connection.kafkaProperties());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
        KafkaProducer<byte[], byte[]> producer = producer(props, connection.clientId() + "-" + role);
        try {
            producer.initTransactions();
        } catch (RuntimeException e) {
            producer.close(Duration.ofSeconds(5));
            throw e;
        }
        return producer;
    }

    /**
     * @param connection where to connect and who we are
     * @param group the consumer group to join
     * @return a byte-array consumer in that group, auto-commit off, from the earliest offset, on the
     *     KIP-848 group protocol unless the properties say {@code group.protocol=classic} or set what only
     *     the classic protocol has ({@code session.timeout.ms}, {@code heartbeat.interval.ms},
     *     {@code partition.assignment.strategy}); on the classic protocol with Kafka's default assignor unless
     *     they name another
     */
    public static KafkaConsumer<byte[], byte[]> consumer(ConnectionOptions connection, String group) {
        Map<String, Object> props = consumerProperties(connection.kafkaProperties(), connection.clientId());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        // KIP-848: rebalances move only the partitions that must move, and members keep the rest; settings
        // that only the classic protocol knows (session.timeout.ms, ...) choose the classic protocol
        boolean classicSettings = CLASSIC_ONLY.stream().anyMatch(props::containsKey);
        props.putIfAbsent(ConsumerConfig.GROUP_PROTOCOL_CONFIG,
                (classicSettings ? GroupProtocol.CLASSIC : GroupProtocol.CONSUMER).name().toLowerCase(Locale.ROOT));
        // The classic protocol keeps Kafka's default (eager) assignor: with cooperative-sticky, a member's commits
        // fail with RebalanceInProgressException through the second rebalance round, and a member that stops then
        // (its partitions poisoned) leaves done items uncommitted to run again (QueueServicesIT saw one).
        return new KafkaConsumer<>(props);
    }

    /**
     * A consumer outside any group, for reading whole partitions it is assigned (never subscribed):
     * it commits nothing and starts from the earliest offset unless told to seek.
     *
     * @param kafkaProperties the user's Kafka client properties; those that are no consumer property are ignored
     * @param clientId the consumer's client id
     * @return a byte-array consumer without a group id
     */
    public static KafkaConsumer<byte[], byte[]> groupLessConsumer(Map<String, Object> kafkaProperties, String clientId) {
        Map<String, Object> props = consumerProperties(kafkaProperties, clientId);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new KafkaConsumer<>(props);
    }

    /**
     * @param connection where to connect and who we are
     * @param role suffix of the client id, e.g. "replies"
     * @return a byte-array consumer outside any group, for partitions it assigns itself
     */
    public static KafkaConsumer<byte[], byte[]> assignedConsumer(ConnectionOptions connection, String role) {
        Map<String, Object> props = new HashMap<>(connection.kafkaProperties());
        props.keySet().retainAll(ConsumerConfig.configNames());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, connection.clientId() + "-" + role);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, READ_COMMITTED);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(props);
    }

    /**
     * @param connection where to connect and who we are
     * @return an admin client
     */
    public static Admin admin(ConnectionOptions connection) {
        return admin(connection.kafkaProperties(), connection.clientId() + "-admin");
    }

    /**
     * @param kafkaProperties the user's Kafka client properties; those that are no admin property are ignored
     * @param clientId the admin client's id
     * @return an admin client
     */
    public static Admin admin(Map<String, Object> kafkaProperties, String clientId) {
        Map<String, Object> props = new HashMap<>(kafkaProperties);
        props.keySet().retainAll(AdminClientConfig.configNames());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return new BoundedAdmin(props);
    }

    /** An admin client whose {@code close()} (try-with-resources) waits {@link #ADMIN_CLOSE_TIMEOUT} at most. */
    private static final class BoundedAdmin extends ForwardingAdmin {
        BoundedAdmin(Map<String, Object> props) {
            super(props);
        }

        @Override
        public void close() {
            close(ADMIN_CLOSE_TIMEOUT);
        }
    }

    private static Map<String, Object> consumerProperties(Map<String, Object> kafkaProperties, String clientId) {
        Map<String, Object> props = new HashMap<>(kafkaProperties);
        props.keySet().retainAll(ConsumerConfig.configNames());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, READ_COMMITTED);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }
}
