package io.kpool.kafka.local.internal;

import java.time.Duration;
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
     * Shuts {@code server} down and waits for it, at most {@code timeout}.
     *
     * @param server  the server to stop; stopping a server whose startup failed half-way is fine
     * @param timeout how long to wait at most
     * @return {@code true} if the server stopped in time, {@code false} if it was left stopping
     */
    public static boolean stop(Server server, Duration timeout) {
        Thread stopper = new Thread(() -> shutdown(server), "kafka-local-shutdown");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while waiting for the Kafka broker to stop; it keeps stopping in the background");
            return false;
        }
        if (stopper.isAlive()) {
            LOG.warn("Kafka broker did not stop within {} s; it keeps stopping in the background", timeout.toSeconds());
            return false;
        }
        return true;
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
