package io.kpool.kafka.local.internal;

import java.util.Properties;

/**
 * The server properties of one node of a kafka-local KRaft cluster: a process that is both broker and
 * controller, a PLAINTEXT listener for clients, a CONTROLLER listener for the (static) quorum.
 *
 * <p>Replication follows the cluster's size: one node gives every topic and internal topic one replica; three
 * or more give three replicas and {@code min.insync.replicas=2} (the usual production setting: a write is
 * acknowledged by two brokers, and one broker may be lost without losing data or availability); two give two
 * replicas and a minimum of one.
 *
 * <p>A static quorum ({@code controller.quorum.voters}) rather than a dynamic one keeps a restart on a
 * different controller port working: nothing about the controllers' addresses is persisted in the data dir.
 */
public final class BrokerProperties {
    /** The name of the listener the KRaft quorum uses. */
    public static final String CONTROLLER_LISTENER = "CONTROLLER";

    private BrokerProperties() {
    }

    /**
     * Builds one node's server properties.
     *
     * @param layout the cluster's ports and directories
     * @param nodeId the node, 1 to {@link ClusterLayout#brokers()}
     * @return a fresh, mutable set of properties
     */
    public static Properties create(ClusterLayout layout, int nodeId) {
        String host = layout.host();
        int port = layout.clientPorts().get(nodeId - 1);
        int controllerPort = layout.controllerPorts().get(nodeId - 1);
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", Integer.toString(nodeId));
        props.setProperty("controller.quorum.voters", layout.voters());
        props.setProperty("listeners",
                "PLAINTEXT://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("log.dirs", layout.nodeDir(nodeId).toAbsolutePath().toString());
        props.setProperty("num.partitions", "1");
        props.setProperty("auto.create.topics.enable", "true");
        replication(props, layout.brokers());
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        // The log cleaner allocates its whole dedupe buffer when the broker starts (Kafka's default: 128 MiB).
        // A local broker compacts only small internal topics; 16 MiB lets it start in a small heap.
        props.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        return props;
    }

    private static void replication(Properties props, int brokers) {
        String factor = Integer.toString(Math.min(brokers, 3));
        String minInSync = brokers >= 3 ? "2" : "1";
        props.setProperty("default.replication.factor", factor);
        props.setProperty("min.insync.replicas", minInSync);
        props.setProperty("offsets.topic.replication.factor", factor);
        props.setProperty("transaction.state.log.replication.factor", factor);
        props.setProperty("transaction.state.log.min.isr", minInSync);
        props.setProperty("share.coordinator.state.topic.replication.factor", factor);
        props.setProperty("share.coordinator.state.topic.min.isr", minInSync);
    }
}
