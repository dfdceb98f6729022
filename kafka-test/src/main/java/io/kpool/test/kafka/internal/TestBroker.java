package io.kpool.test.kafka.internal;

/**
 * A running broker the tests use, whichever way it was started.
 */
public interface TestBroker extends AutoCloseable {
    /**
     * The address clients connect to.
     *
     * @return {@code host:port[,host:port...]}
     */
    String bootstrapServers();

    /**
     * Which broker this is.
     *
     * @return {@link io.kpool.test.kafka.TestKafka#EXTERNAL}, {@link io.kpool.test.kafka.TestKafka#TESTCONTAINERS}
     *         or {@link io.kpool.test.kafka.TestKafka#EMBEDDED}
     */
    String kind();

    /**
     * Stops the broker if the tests started it; does nothing to an external one.
     */
    @Override
    void close();
}
