package io.kpool.kafka.local.internal;

import io.kpool.kafka.local.KafkaLocalException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * Starts Kafka's own KRaft servers in this JVM and waits until they answer clients; if one fails, every one
 * is stopped again, so that a failed start leaves no threads or open ports behind.
 *
 * <p>The nodes of a cluster start at once, each on its own thread: a broker's startup waits for the quorum
 * of controllers, which needs a majority of the nodes running.
 */
public final class ServerLauncher {
    private ServerLauncher() {
    }

    /**
     * Starts servers on already formatted data directories.
     *
     * @param nodes           each server's client address, {@code host:port}, to check readiness on, with its
     *                        server properties (see {@link BrokerProperties})
     * @param startupTimeout  how long to wait for every server to answer clients
     * @param shutdownTimeout how long to wait for a failed server to stop
     * @return the running servers, in the order of {@code nodes}
     * @throws KafkaLocalException if Kafka rejects a configuration, a server fails to start or is not ready in time
     */
    public static List<KafkaRaftServer> launch(Map<String, Properties> nodes, Duration startupTimeout,
                                               Duration shutdownTimeout) {
        List<KafkaRaftServer> servers = new ArrayList<>();
        String addresses = String.join(",", nodes.keySet());
        try {
            for (Properties properties : nodes.values()) {
                servers.add(new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM));
            }
            List<CompletableFuture<Void>> startups = new ArrayList<>();
            for (KafkaRaftServer server : servers) {
                CompletableFuture<Void> startup = new CompletableFuture<>();
                Thread starter = new Thread(() -> start(server, startup), "kafka-local-startup");
                starter.setDaemon(true);
                starter.start();
                startups.add(startup);
            }
            CompletableFuture.allOf(startups.toArray(CompletableFuture[]::new))
                    .get(startupTimeout.toMillis(), TimeUnit.MILLISECONDS);
            nodes.keySet().forEach(address -> ReadinessCheck.await(address, startupTimeout));
            return servers;
        } catch (ExecutionException | TimeoutException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            BoundedShutdown.stopAll(servers, shutdownTimeout);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (e instanceof TimeoutException) {
                throw new KafkaLocalException("Kafka broker on " + addresses + " did not start within "
                        + startupTimeout.toSeconds() + " s (a cluster needs a majority of its nodes running)", e);
            }
            throw cause instanceof KafkaLocalException ? (KafkaLocalException) cause
                    : new KafkaLocalException("Kafka broker on " + addresses + " failed to start: " + cause, cause);
        }
    }

    private static void start(KafkaRaftServer server, CompletableFuture<Void> startup) {
        try {
            server.startup();
            startup.complete(null);
        } catch (RuntimeException e) {
            startup.completeExceptionally(e);
        }
    }
}
