package io.kpool.kafka.local.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Where each node of a kafka-local cluster listens and keeps its data. Node ids run from 1 to the number of
 * brokers; every node is broker and controller at once, so the KRaft quorum has one voter per node. A
 * single-node cluster keeps its data in the data directory itself, a larger one in {@code node-<id>} under it.
 *
 * @param host            the host every listener binds to and advertises
 * @param clientPorts     the PLAINTEXT (client) port of node 1, 2, …, resolved (not 0)
 * @param controllerPorts the CONTROLLER port of node 1, 2, …, resolved (not 0)
 * @param dataDir         the data directory of the whole cluster
 */
public record ClusterLayout(String host, List<Integer> clientPorts, List<Integer> controllerPorts, Path dataDir) {
    /**
     * Validates the layout.
     *
     * @param host            not blank
     * @param clientPorts     at least one port
     * @param controllerPorts as many ports as {@code clientPorts}
     * @param dataDir         not null
     */
    public ClusterLayout {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        clientPorts = List.copyOf(clientPorts);
        controllerPorts = List.copyOf(controllerPorts);
        if (clientPorts.contains(0) || controllerPorts.contains(0)) {
            throw new IllegalArgumentException("ports must be resolved, got " + clientPorts + " and " + controllerPorts);
        }
        if (clientPorts.isEmpty() || clientPorts.size() != controllerPorts.size()) {
            throw new IllegalArgumentException("one client and one controller port per node, got "
                    + clientPorts + " and " + controllerPorts);
        }
    }

    /**
     * Resolves the ports of a cluster: node {@code i} (from 1) listens on {@code port + i - 1} and
     * {@code controllerPort + i - 1}; a requested port of 0 gives each node any free port instead. Only the
     * nodes this process runs have their ports checked to be free.
     *
     * @param host           the host the listeners bind to
     * @param brokers        the number of nodes in the cluster
     * @param localNodes     the nodes this process runs
     * @param port           node 1's client port, or 0
     * @param controllerPort node 1's controller port, or 0
     * @param dataDir        the cluster's data directory
     * @return the layout with every port resolved
     * @throws io.kpool.kafka.local.PortInUseException if a requested port of a local node is taken
     */
    public static ClusterLayout resolve(String host, int brokers, List<Integer> localNodes, int port, int controllerPort,
                                        Path dataDir) {
        int[] requested = new int[2 * brokers];
        for (int i = 0; i < brokers; i++) {
            requested[i] = port == 0 ? 0 : port + i;
            requested[brokers + i] = controllerPort == 0 ? 0 : controllerPort + i;
        }
        int[] local = localNodes.stream().flatMapToInt(id -> IntStream.of(requested[id - 1], requested[brokers + id - 1]))
                .toArray();
        int[] resolved = LocalPorts.resolve(host, local);
        for (int i = 0; i < localNodes.size(); i++) {
            requested[localNodes.get(i) - 1] = resolved[2 * i];
            requested[brokers + localNodes.get(i) - 1] = resolved[2 * i + 1];
        }
        List<Integer> ports = IntStream.of(requested).boxed().toList();
        return new ClusterLayout(host, ports.subList(0, brokers), ports.subList(brokers, 2 * brokers), dataDir);
    }

    /**
     * The number of nodes.
     *
     * @return at least 1
     */
    public int brokers() {
        return clientPorts.size();
    }

    /**
     * A node's client address.
     *
     * @param nodeId 1 to {@link #brokers()}
     * @return {@code host:port}
     */
    public String address(int nodeId) {
        return host + ":" + clientPorts.get(nodeId - 1);
    }

    /**
     * Every node's client address.
     *
     * @return {@code host:port,host:port,…}, node 1 first
     */
    public String bootstrapServers() {
        return IntStream.rangeClosed(1, brokers()).mapToObj(this::address).collect(Collectors.joining(","));
    }

    /**
     * The static KRaft quorum: every node is a voter.
     *
     * @return {@code controller.quorum.voters}, {@code 1@host:port,2@host:port,…}
     */
    public String voters() {
        return IntStream.rangeClosed(1, brokers()).mapToObj(id -> id + "@" + host + ":" + controllerPorts.get(id - 1))
                .collect(Collectors.joining(","));
    }

    /**
     * A node's log directory.
     *
     * @param nodeId 1 to {@link #brokers()}
     * @return the data directory itself for a single node, else its {@code node-<id>} sub-directory
     */
    public Path nodeDir(int nodeId) {
        return brokers() == 1 ? dataDir : dataDir.resolve("node-" + nodeId);
    }
}
