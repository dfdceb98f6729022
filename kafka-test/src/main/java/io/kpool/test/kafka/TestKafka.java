package io.kpool.test.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The real Kafka broker a test runs against, injected by {@link KafkaBrokerExtension} into test, lifecycle
 * method and constructor parameters. One broker serves the whole JVM, so every test makes its own topic and
 * group names with {@link #createTopic} and {@link #uniqueName}. Thread-safe.
 */
public interface TestKafka {
    /** {@link #kind()} of a broker given by the {@code KAFKA_BOOTSTRAP_SERVERS} environment variable. */
    String EXTERNAL = "external";
    /** {@link #kind()} of a broker in a Docker container started by Testcontainers. */
    String TESTCONTAINERS = "testcontainers";
    /** {@link #kind()} of the in-JVM {@code kafka-local} broker. */
    String EMBEDDED = "embedded";

    /**
     * The address clients connect to.
     *
     * @return {@code bootstrap.servers}, e.g. {@code localhost:41231}
     */
    String bootstrapServers();

    /**
     * The client settings every test needs, to extend with serializers, group id and so on.
     *
     * @return a new mutable map holding {@code bootstrap.servers} only
     */
    Map<String, Object> clientProperties();

    /**
     * Creates a topic with a name no other test uses and waits until every partition has a leader.
     *
     * @param prefix     the start of the name, letters, digits, {@code .}, {@code _} or {@code -}
     * @param partitions the number of partitions, at least 1
     * @return the topic name, {@code <prefix>-<random>}
     */
    String createTopic(String prefix, int partitions);

    /**
     * Makes a name no other test uses, e.g. for a consumer group id.
     *
     * @param prefix the start of the name, letters, digits, {@code .}, {@code _} or {@code -}
     * @return {@code <prefix>-<random>}
     */
    String uniqueName(String prefix);

    /**
     * The admin client of the broker, shared by all tests; do not close it, the extension does.
     *
     * @return the shared admin client
     */
    Admin admin();

    /**
     * Reads one partition from its start to its end offset of now, without a group.
     *
     * @param topic          the topic
     * @param partition      its partition
     * @param isolationLevel {@code read_committed} (what transactions committed) or {@code read_uncommitted} (everything)
     * @return its records, in offset order
     */
    default List<ConsumerRecord<byte[], byte[]>> readPartition(String topic, int partition, String isolationLevel) {
        Duration wait = Duration.ofSeconds(30);
        Map<String, Object> props = clientProperties();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition assigned = new TopicPartition(topic, partition);
            consumer.assign(List.of(assigned));
            consumer.seekToBeginning(List.of(assigned));
            long end = consumer.endOffsets(List.of(assigned), wait).get(assigned);
            while (consumer.position(assigned, wait) < end) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    /**
     * Which broker this is.
     *
     * @return {@link #EXTERNAL}, {@link #TESTCONTAINERS} or {@link #EMBEDDED}
     */
    String kind();
}
