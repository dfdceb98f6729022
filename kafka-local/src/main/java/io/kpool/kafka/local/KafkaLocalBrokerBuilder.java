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
     * Builds the broker; it does not start until {@link KafkaLocalBroker#start()}.
     *
     * @return a new, unstarted broker
     * @throws IllegalArgumentException if the client and controller ports are the same non-zero port
     */
    public KafkaLocalBroker build() {
        if (port != 0 && port == controllerPort) {
            throw new IllegalArgumentException("port and controllerPort must differ, both are " + port);
        }
        return new KafkaLocalBroker(host, port, controllerPort, dataDir);
    }

    private static int checkPort(String name, int value) {
        if (value < 0 || value > 65_535) {
            throw new IllegalArgumentException(name + " must be 0 (a free port) or 1..65535, was " + value);
        }
        return value;
    }
}
