package io.kpool.kafka.local.internal;

import io.kpool.kafka.local.KafkaLocalException;
import java.time.Duration;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * Starts Kafka's own KRaft server in this JVM and waits until it answers clients; a server that fails
 * half-way is stopped again, so that a failed start leaves no threads or open ports behind.
 */
public final class ServerLauncher {
    private ServerLauncher() {
    }

    /**
     * Starts a server on an already formatted data directory.
     *
     * @param properties      the server properties, see {@link BrokerProperties}
     * @param address         the client address, {@code host:port}, to check readiness on
     * @param startupTimeout  how long to wait for the server to answer clients
     * @param shutdownTimeout how long to wait for a failed server to stop
     * @return the running server
     * @throws KafkaLocalException if Kafka rejects the configuration, fails to start or is not ready in time
     */
    public static KafkaRaftServer launch(Properties properties, String address, Duration startupTimeout,
                                         Duration shutdownTimeout) {
        KafkaRaftServer server = null;
        try {
            server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
            server.startup();
            ReadinessCheck.await(address, startupTimeout);
            return server;
        } catch (RuntimeException e) {
            if (server != null) {
                BoundedShutdown.stop(server, shutdownTimeout);
            }
            throw e instanceof KafkaLocalException ? (KafkaLocalException) e
                    : new KafkaLocalException("Kafka broker on " + address + " failed to start: " + e, e);
        }
    }
}
