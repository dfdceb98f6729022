package io.kpool.kafka.local.internal;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The server properties of a single-node KRaft Kafka: one process that is both broker and controller,
 * a PLAINTEXT listener for clients, a CONTROLLER listener for the (static, one-voter) quorum, and every
 * internal topic with replication factor 1.
 *
 * <p>A static voter ({@code controller.quorum.voters}) rather than a dynamic quorum keeps a restart on a
 * different controller port working: nothing about the controller's address is persisted in the data dir.
 */
public final class BrokerProperties {
    /** The node id of the one node: broker and controller at once. */
    public static final int NODE_ID = 1;
    /** The name of the listener the KRaft quorum uses. */
    public static final String CONTROLLER_LISTENER = "CONTROLLER";

    private BrokerProperties() {
    }

    /**
     * Builds the server properties.
     *
     * @param host           the host both listeners bind to and advertise
     * @param port           the port of the PLAINTEXT (client) listener, already resolved (not 0)
     * @param controllerPort the port of the CONTROLLER listener, already resolved (not 0)
     * @param dataDir        the directory holding the log segments and the metadata log
     * @return a fresh, mutable set of properties
     */
    public static Properties create(String host, int port, int controllerPort, Path dataDir) {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", Integer.toString(NODE_ID));
        props.setProperty("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        props.setProperty("listeners",
                "PLAINTEXT://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("log.dirs", dataDir.toAbsolutePath().toString());
        props.setProperty("num.partitions", "1");
        props.setProperty("default.replication.factor", "1");
        props.setProperty("min.insync.replicas", "1");
        props.setProperty("auto.create.topics.enable", "true");
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        // The log cleaner allocates its whole dedupe buffer when the broker starts (Kafka's default: 128 MiB).
        // A local broker compacts only small internal topics; 16 MiB lets it start in a small heap.
        props.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        return props;
    }
}
