package io.kpool.test.kafka.internal;

import io.kpool.kafka.local.KafkaLocalBroker;
import io.kpool.test.kafka.TestKafka;

/**
 * The in-JVM {@code kafka-local} broker on free ports and a temporary data directory.
 */
public final class EmbeddedTestBroker implements TestBroker {
    private final KafkaLocalBroker broker;

    private EmbeddedTestBroker(KafkaLocalBroker broker) {
        this.broker = broker;
    }

    /**
     * Starts the broker and waits until it answers clients.
     *
     * @return the running broker
     */
    public static EmbeddedTestBroker start() {
        KafkaLocalBroker broker = KafkaLocalBroker.builder().port(0).controllerPort(0).build();
        try {
            broker.start();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return new EmbeddedTestBroker(broker);
    }

    /**
     * The broker's client address.
     *
     * @return {@code localhost:<free port>}
     */
    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /**
     * Says what this is.
     *
     * @return {@link TestKafka#EMBEDDED}
     */
    @Override
    public String kind() {
        return TestKafka.EMBEDDED;
    }

    /**
     * Stops the broker and deletes its data directory.
     */
    @Override
    public void close() {
        broker.close();
    }
}
