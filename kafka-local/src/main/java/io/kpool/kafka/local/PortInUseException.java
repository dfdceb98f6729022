package io.kpool.kafka.local;

/**
 * A port the broker was told to listen on is already taken by another process.
 */
public final class PortInUseException extends KafkaLocalException {
    private static final long serialVersionUID = 1L;

    /** The port that is taken. */
    private final int port;

    /**
     * Creates the exception.
     *
     * @param host the host the broker tried to listen on
     * @param port the port that is taken
     */
    public PortInUseException(String host, int port) {
        super("port " + port + " on " + host + " is already in use");
        this.port = port;
    }

    /**
     * The port that is taken.
     *
     * @return the port number
     */
    public int port() {
        return port;
    }
}
