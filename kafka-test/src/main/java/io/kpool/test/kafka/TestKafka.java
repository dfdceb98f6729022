package io.kpool.test.kafka;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;

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
     * Which broker this is.
     *
     * @return {@link #EXTERNAL}, {@link #TESTCONTAINERS} or {@link #EMBEDDED}
     */
    String kind();
}
