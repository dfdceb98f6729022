package io.kpool.test.kafka.internal;

import io.kpool.test.kafka.TestKafka;

/**
 * A broker someone else runs, named by {@code KAFKA_BOOTSTRAP_SERVERS}; the tests never stop it.
 *
 * @param bootstrapServers the address from the environment
 */
public record ExternalTestBroker(String bootstrapServers) implements TestBroker {
    /**
     * Validates the address.
     *
     * @param bootstrapServers the address from the environment, not blank
     */
    public ExternalTestBroker {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be blank");
        }
    }

    /**
     * Says what this is.
     *
     * @return {@link TestKafka#EXTERNAL}
     */
    @Override
    public String kind() {
        return TestKafka.EXTERNAL;
    }

    /**
     * Does nothing: the broker belongs to whoever started it.
     */
    @Override
    public void close() {
        // Deliberately nothing: an external broker outlives the test run.
    }
}
