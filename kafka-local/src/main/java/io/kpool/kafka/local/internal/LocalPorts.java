package io.kpool.kafka.local.internal;

import io.kpool.kafka.local.KafkaLocalException;
import io.kpool.kafka.local.PortInUseException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns requested ports into the ports the broker will listen on: 0 becomes a free port, any other port is
 * checked to be free first, so that a clash fails with one clear message instead of Kafka's startup errors.
 */
public final class LocalPorts {
    private static final Logger LOG = LoggerFactory.getLogger(LocalPorts.class);

    private LocalPorts() {
    }

    /**
     * Resolves requested ports; all are held open together while resolving, so two zeros never get the
     * same port.
     *
     * @param host      the host the ports will be bound on
     * @param requested the requested ports, 0 for any free one
     * @return the resolved ports, in the same order; they were free a moment ago
     * @throws PortInUseException  if a non-zero requested port is taken
     * @throws KafkaLocalException if the host cannot be bound at all
     */
    public static int[] resolve(String host, int... requested) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] resolved = new int[requested.length];
            for (int i = 0; i < requested.length; i++) {
                ServerSocket socket = bind(host, requested[i]);
                held.add(socket);
                resolved[i] = socket.getLocalPort();
            }
            return resolved;
        } finally {
            held.forEach(LocalPorts::closeQuietly);
        }
    }

    private static ServerSocket bind(String host, int port) {
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
            return socket;
        } catch (BindException e) {
            closeQuietly(socket);
            throw port == 0 ? new KafkaLocalException("cannot listen on " + host + ": " + e.getMessage(), e)
                    : new PortInUseException(host, port);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new KafkaLocalException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("Closing the probe socket on port {} failed: {}", socket.getLocalPort(), e.toString());
        }
    }
}
