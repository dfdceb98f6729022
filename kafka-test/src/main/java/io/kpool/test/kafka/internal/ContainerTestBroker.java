package io.kpool.test.kafka.internal;

import io.kpool.test.kafka.TestKafka;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A single-node Kafka in a Docker container, started by Testcontainers' {@link KafkaContainer}: its address is
 * the one the container's port is mapped to on this machine, and closing it stops and removes the container.
 */
public final class ContainerTestBroker extends StartedTestBroker {
    private ContainerTestBroker(KafkaContainer container) {
        super(TestKafka.TESTCONTAINERS, container::getBootstrapServers, container::stop);
    }

    /**
     * Starts a container and waits until Kafka in it is ready.
     *
     * @param image an {@code apache/kafka} image, or one that behaves like it (runs {@code /etc/kafka/docker/run})
     * @return the running broker
     */
    public static ContainerTestBroker start(String image) {
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("apache/kafka"))
                // share groups (share mode) on one node: the share coordinator's state topic needs one replica
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
        startOrStop(container::start, container::stop);
        return new ContainerTestBroker(container);
    }
}
