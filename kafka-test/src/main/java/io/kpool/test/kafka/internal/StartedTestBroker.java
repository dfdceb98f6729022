package io.kpool.test.kafka.internal;

import java.util.function.Supplier;

/**
 * A broker the tests started, and so stop when they end: a Kafka container or the in-JVM {@code kafka-local}
 * broker. A subclass hands over what it started as its address, its kind and how to stop it.
 */
public abstract class StartedTestBroker implements TestBroker {
    private final String kind;
    private final Supplier<String> bootstrapServers;
    private final Runnable stop;

    /**
     * Wraps a running broker.
     *
     * @param kind             {@link io.kpool.test.kafka.TestKafka#TESTCONTAINERS} or
     *                         {@link io.kpool.test.kafka.TestKafka#EMBEDDED}
     * @param bootstrapServers the broker's client address, asked each time it is needed
     * @param stop             stops the broker and frees what it holds
     */
    protected StartedTestBroker(String kind, Supplier<String> bootstrapServers, Runnable stop) {
        this.kind = kind;
        this.bootstrapServers = bootstrapServers;
        this.stop = stop;
    }

    /**
     * Starts a broker; if starting fails, stops it so that nothing it already holds is left behind, and
     * rethrows the failure (with a failure to stop added as suppressed).
     *
     * @param start starts the broker and waits until it answers clients
     * @param stop  stops it
     */
    protected static void startOrStop(Runnable start, Runnable stop) {
        try {
            start.run();
        } catch (RuntimeException e) {
            try {
                stop.run();
            } catch (RuntimeException stopFailure) {
                e.addSuppressed(stopFailure);
            }
            throw e;
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers.get();
    }

    @Override
    public String kind() {
        return kind;
    }

    /**
     * Stops the broker.
     */
    @Override
    public void close() {
        stop.run();
    }
}
