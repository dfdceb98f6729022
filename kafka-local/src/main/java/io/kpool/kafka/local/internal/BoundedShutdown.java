package io.kpool.kafka.local.internal;

import java.time.Duration;
import java.util.List;
import kafka.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops an in-process Kafka server without letting a stuck shutdown block the caller forever: the
 * shutdown runs on its own thread and the caller waits for it at most a given time.
 */
public final class BoundedShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedShutdown.class);

    private BoundedShutdown() {
    }

    /**
     * Shuts several servers down at once (the nodes of one cluster: stopped one after another, the last ones
     * would wait for a quorum that is gone) and waits for them, at most {@code timeout} in all.
     *
     * @param servers the servers to stop
     * @param timeout how long to wait at most
     */
    public static void stopAll(List<? extends Server> servers, Duration timeout) {
        List<Thread> stoppers = servers.stream().map(server -> new Thread(() -> shutdown(server), "kafka-local-shutdown"))
                .toList();
        stoppers.forEach(stopper -> {
            stopper.setDaemon(true);
            stopper.start();
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Thread stopper : stoppers) {
                stopper.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while waiting for the Kafka brokers to stop; they keep stopping in the background");
            return;
        }
        if (stoppers.stream().anyMatch(Thread::isAlive)) {
            LOG.warn("Kafka brokers did not stop within {} s; they keep stopping in the background", timeout.toSeconds());
        }
    }

    private static void shutdown(Server server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Kafka broker failed while stopping: {}", e.toString(), e);
        }
    }
}
