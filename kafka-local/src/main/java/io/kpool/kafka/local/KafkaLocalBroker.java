package io.kpool.kafka.local;

import io.kpool.kafka.local.internal.BoundedShutdown;
import io.kpool.kafka.local.internal.BrokerProperties;
import io.kpool.kafka.local.internal.ClusterLayout;
import io.kpool.kafka.local.internal.DataDirectoryLock;
import io.kpool.kafka.local.internal.ServerLauncher;
import io.kpool.kafka.local.internal.StorageFormat;
import io.kpool.kafka.local.internal.TemporaryDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import kafka.server.KafkaRaftServer;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one node), running inside this JVM from
 * Kafka's own server jars; or a cluster of such nodes ({@link KafkaLocalBrokerBuilder#brokers(int)}), all in
 * this JVM or one of them ({@link KafkaLocalBrokerBuilder#node(int)}).
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
    private final int brokers;
    private final int node;

    private List<KafkaRaftServer> servers;
    private ClusterLayout layout;
    private String clusterId;
    private boolean started;
    private boolean closed;

    KafkaLocalBroker(String host, int port, int controllerPort, Path dataDir, int brokers, int node) {
        this.host = host;
        this.brokers = brokers;
        this.node = node;
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
        List<Integer> localNodes = node == 0 ? IntStream.rangeClosed(1, brokers).boxed().toList() : List.of(node);
        ClusterLayout resolved = ClusterLayout.resolve(host, brokers, localNodes, requestedPort, requestedControllerPort,
                dataDir);
        localNodes.forEach(id -> DataDirectoryLock.requireUnused(resolved.nodeDir(id)));
        Map<String, Properties> nodes = new LinkedHashMap<>();
        String id = null;
        for (int nodeId : localNodes) {
            Properties properties = BrokerProperties.create(resolved, nodeId);
            id = StorageFormat.ensureFormatted(resolved, nodeId, properties);
            nodes.put(resolved.address(nodeId), properties);
        }
        servers = ServerLauncher.launch(nodes, STARTUP_TIMEOUT, SHUTDOWN_TIMEOUT);
        layout = resolved;
        clusterId = id;
    }

    /**
     * The address clients connect to: every node of the cluster, also those another process runs.
     *
     * @return {@code host:port} (comma-separated for a cluster), with the actual ports when the builder asked
     *     for free ones
     * @throws IllegalStateException if the broker is not running
     */
    public synchronized String bootstrapServers() {
        if (servers == null) {
            throw new IllegalStateException("the broker is not running: call start() first");
        }
        return layout.bootstrapServers();
    }

    /**
     * The nodes this JVM runs.
     *
     * @return each node's client address, {@code host:port}, node 1 first
     * @throws IllegalStateException if the broker is not running
     */
    public synchronized List<String> localAddresses() {
        if (servers == null) {
            throw new IllegalStateException("the broker is not running: call start() first");
        }
        return node == 0 ? IntStream.rangeClosed(1, brokers).mapToObj(layout::address).toList()
                : List.of(layout.address(node));
    }

    /**
     * The cluster id stored in the data directory.
     *
     * @return the id, the same across restarts on the same directory
     * @throws IllegalStateException if the broker is not running
     */
    public synchronized String clusterId() {
        if (servers == null) {
            throw new IllegalStateException("the broker is not running: call start() first");
        }
        return clusterId;
    }

    /**
     * The directory holding the broker's logs and metadata (a cluster's nodes: in {@code node-<id>} under it).
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
        if (servers != null) {
            BoundedShutdown.stopAll(servers, SHUTDOWN_TIMEOUT);
            servers = null;
        }
        if (temporaryDataDir) {
            TemporaryDirectory.delete(dataDir);
        }
    }
}
