package io.kpool.kafka.local;

/**
 * The local broker could not be started: its storage could not be formatted, a port was taken, or Kafka
 * failed or did not become ready in time. The message says which, and the cause carries Kafka's own error.
 */
public class KafkaLocalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the address or directory involved
     * @param cause   the underlying failure, or {@code null}
     */
    public KafkaLocalException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what failed, naming the address or directory involved
     */
    public KafkaLocalException(String message) {
        super(message);
    }
}
