package io.kpool.kafka.local;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of a {@link KafkaLocalBroker}, validated as they are set; get one from {@link KafkaLocalBroker#builder()}.
 */
public final class KafkaLocalBrokerBuilder {
    private String host = "localhost";
    private int port = 9092;
    private int controllerPort;
    private Path dataDir;
    private int brokers = 1;
    private int node;

    KafkaLocalBrokerBuilder() {
    }

    /**
     * Sets the host both listeners bind to and advertise.
     *
     * @param host a host name or address; default {@code localhost}
     * @return this builder
     */
    public KafkaLocalBrokerBuilder host(String host) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        this.host = host;
        return this;
    }

    /**
     * Sets the port of the client (PLAINTEXT) listener.
     *
     * @param port 1..65535, or 0 for a free port; default 9092
     * @return this builder
     */
    public KafkaLocalBrokerBuilder port(int port) {
        this.port = checkPort("port", port);
        return this;
    }

    /**
     * Sets the port of the KRaft controller listener.
     *
     * @param controllerPort 1..65535, or 0 for a free port (the default)
     * @return this builder
     */
    public KafkaLocalBrokerBuilder controllerPort(int controllerPort) {
        this.controllerPort = checkPort("controllerPort", controllerPort);
        return this;
    }

    /**
     * Sets the data directory; it is created if missing and kept on close.
     *
     * @param dataDir the directory; default: a fresh temporary directory, deleted on close
     * @return this builder
     */
    public KafkaLocalBrokerBuilder dataDir(Path dataDir) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        return this;
    }

    /**
     * Sets the size of the cluster: that many nodes, each broker and controller at once, node {@code i} (from 1)
     * listening on {@code port + i - 1} and {@code controllerPort + i - 1} (or free ports if those are 0) and
     * keeping its data in {@code <dataDir>/node-<i>}. Three or more replicate every topic three times with
     * {@code min.insync.replicas=2}.
     *
     * @param brokers 1 (the default: a single node, its data in the data directory itself) to 9
     * @return this builder
     */
    public KafkaLocalBrokerBuilder brokers(int brokers) {
        if (brokers < 1 || brokers > 9) {
            throw new IllegalArgumentException("brokers must be 1 to 9, was " + brokers);
        }
        this.brokers = brokers;
        return this;
    }

    /**
     * Runs only one node of the cluster in this JVM, so that each node can run (and be killed) as its own
     * process: start every node of the cluster with the same brokers, ports and data directory.
     *
     * @param node 1 to the number of brokers; 0 (the default) runs every node here
     * @return this builder
     */
    public KafkaLocalBrokerBuilder node(int node) {
        if (node < 0 || node > 9) {
            throw new IllegalArgumentException("node must be 0 (every node) or 1 to 9, was " + node);
        }
        this.node = node;
        return this;
    }

    /**
     * Builds the broker; it does not start until {@link KafkaLocalBroker#start()}.
     *
     * @return a new, unstarted broker
     * @throws IllegalArgumentException if the client and controller ports overlap, run past 65535, or a single node
     *                                  of a cluster is to run without fixed ports or a fixed data directory
     */
    public KafkaLocalBroker build() {
        if (port != 0 && port == controllerPort) {
            throw new IllegalArgumentException("port and controllerPort must differ, both are " + port);
        }
        if (port != 0 && controllerPort != 0 && Math.abs(port - controllerPort) < brokers) {
            throw new IllegalArgumentException("the " + brokers + " client ports from " + port + " and the controller"
                    + " ports from " + controllerPort + " overlap");
        }
        if (Math.max(port, controllerPort) + brokers - 1 > 65_535) {
            throw new IllegalArgumentException("the ports of " + brokers + " brokers run past 65535");
        }
        if (node > brokers) {
            throw new IllegalArgumentException("node must be 1 to " + brokers + " (the brokers), was " + node);
        }
        if (node != 0 && brokers > 1 && (port == 0 || controllerPort == 0 || dataDir == null)) {
            throw new IllegalArgumentException("a single node of a cluster needs a fixed port, controllerPort and"
                    + " dataDir, shared by every node, so that the nodes find each other");
        }
        return new KafkaLocalBroker(host, port, controllerPort, dataDir, brokers, node);
    }

    private static int checkPort(String name, int value) {
        if (value < 0 || value > 65_535) {
            throw new IllegalArgumentException(name + " must be 0 (a free port) or 1..65535, was " + value);
        }
        return value;
    }
}
