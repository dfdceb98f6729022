package io.kpool.kafka.local;

import io.kpool.kafka.local.internal.BoundedShutdown;
import io.kpool.kafka.local.internal.BrokerProperties;
import io.kpool.kafka.local.internal.DataDirectoryLock;
import io.kpool.kafka.local.internal.LocalPorts;
import io.kpool.kafka.local.internal.ServerLauncher;
import io.kpool.kafka.local.internal.StorageFormat;
import io.kpool.kafka.local.internal.TemporaryDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import kafka.server.KafkaRaftServer;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one node), running inside
 * this JVM from Kafka's own server jars.
 *
 * <pre>{@code
 * try (KafkaLocalBroker broker = KafkaLocalBroker.builder().port(0).build()) {
 *     broker.start();
 *     String bootstrapServers = broker.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>The first {@link #start()} on a data directory formats it with a new cluster id; later starts on the
 * same directory (by a new instance, after this one is closed) keep every topic and record. An instance is
 * started at most once. Thread-safe.
 */
public final class KafkaLocalBroker implements AutoCloseable {
    /** How long {@link #start()} waits for the broker to answer clients. */
    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    /** How long {@link #close()} waits for the broker to stop. */
    public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private final String host;
    private final int requestedPort;
    private final int requestedControllerPort;
    private final Path dataDir;
    private final boolean temporaryDataDir;

    private KafkaRaftServer server;
    private int port;
    private String clusterId;
    private boolean started;
    private boolean closed;

    KafkaLocalBroker(String host, int port, int controllerPort, Path dataDir) {
        this.host = host;
        this.requestedPort = port;
        this.requestedControllerPort = controllerPort;
        this.temporaryDataDir = dataDir == null;
        this.dataDir = temporaryDataDir ? TemporaryDirectory.create() : dataDir.toAbsolutePath().normalize();
    }

    /**
     * Starts building a broker: {@code localhost:9092}, a free controller port, a temporary data directory.
     *
     * @return a new builder
     */
    public static KafkaLocalBrokerBuilder builder() {
        return new KafkaLocalBrokerBuilder();
    }

    /**
     * Formats the data directory if it was never formatted, starts the broker and blocks until it answers
     * clients, for at most {@link #STARTUP_TIMEOUT}.
     *
     * @throws PortInUseException    if a requested port is taken
     * @throws KafkaLocalException   if Kafka fails to start or to become ready; the cause is Kafka's error
     * @throws IllegalStateException if this broker was already started or closed
     */
    public synchronized void start() {
        if (closed || started) {
            throw new IllegalStateException("a KafkaLocalBroker starts at most once and not after close();"
                    + " build a new one on the same data dir to restart");
        }
        started = true;
        int[] ports = LocalPorts.resolve(host, requestedPort, requestedControllerPort);
        int clientPort = ports[0];
        DataDirectoryLock.requireUnused(dataDir);
        Properties properties = BrokerProperties.create(host, clientPort, ports[1], dataDir);
        String id = StorageFormat.ensureFormatted(dataDir, properties);
        server = ServerLauncher.launch(properties, host + ":" + clientPort, STARTUP_TIMEOUT, SHUTDOWN_TIMEOUT);
        port = clientPort;
        clusterId = id;
    }

    /**
     * The address clients connect to.
     *
     * @return {@code host:port}, with the actual port when the builder asked for a free one
     * @throws IllegalStateException if the broker is not running
     */
    public synchronized String bootstrapServers() {
        if (server == null) {
            throw new IllegalStateException("the broker is not running: call start() first");
        }
        return host + ":" + port;
    }

    /**
     * The cluster id stored in the data directory.
     *
     * @return the id, the same across restarts on the same directory
     * @throws IllegalStateException if the broker is not running
     */
    public synchronized String clusterId() {
        if (server == null) {
            throw new IllegalStateException("the broker is not running: call start() first");
        }
        return clusterId;
    }

    /**
     * The directory holding the broker's logs and metadata.
     *
     * @return its absolute path
     */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Stops the broker cleanly, waiting at most {@link #SHUTDOWN_TIMEOUT}, and deletes the data directory if it
     * was a temporary one. Idempotent; a broker that never started is just released.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            BoundedShutdown.stop(server, SHUTDOWN_TIMEOUT);
            server = null;
        }
        if (temporaryDataDir) {
            TemporaryDirectory.delete(dataDir);
        }
    }
}
