package io.kpool.test.kafka.internal;

import io.kpool.test.kafka.TestKafka;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A single-node Kafka in a Docker container, started by Testcontainers' {@link KafkaContainer}.
 */
public final class ContainerTestBroker implements TestBroker {
    private final KafkaContainer container;

    private ContainerTestBroker(KafkaContainer container) {
        this.container = container;
    }

    /**
     * Starts a container and waits until Kafka in it is ready.
     *
     * @param image an {@code apache/kafka} image, or one that behaves like it (runs {@code /etc/kafka/docker/run})
     * @return the running broker
     */
    public static ContainerTestBroker start(String image) {
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("apache/kafka"));
        try {
            container.start();
        } catch (RuntimeException e) {
            try {
                container.stop();
            } catch (RuntimeException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
        return new ContainerTestBroker(container);
    }

    /**
     * The address the container's port is mapped to on this machine.
     *
     * @return {@code host:port}
     */
    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    /**
     * Says what this is.
     *
     * @return {@link TestKafka#TESTCONTAINERS}
     */
    @Override
    public String kind() {
        return TestKafka.TESTCONTAINERS;
    }

    /**
     * Stops and removes the container.
     */
    @Override
    public void close() {
        container.stop();
    }
}
