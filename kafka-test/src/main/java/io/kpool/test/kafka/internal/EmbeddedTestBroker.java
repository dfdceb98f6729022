package io.kpool.test.kafka.internal;

import io.kpool.kafka.local.KafkaLocalBroker;
import io.kpool.test.kafka.TestKafka;

/**
 * The in-JVM {@code kafka-local} broker on free ports and a temporary data directory, at
 * {@code localhost:<free port>}; closing it stops the broker and deletes its data directory.
 */
public final class EmbeddedTestBroker extends StartedTestBroker {
    private EmbeddedTestBroker(KafkaLocalBroker broker) {
        super(TestKafka.EMBEDDED, broker::bootstrapServers, broker::close);
    }

    /**
     * Starts the broker and waits until it answers clients.
     *
     * @return the running broker
     */
    public static EmbeddedTestBroker start() {
        KafkaLocalBroker broker = KafkaLocalBroker.builder().port(0).controllerPort(0).build();
        startOrStop(broker::start, broker::close);
        return new EmbeddedTestBroker(broker);
    }
}
