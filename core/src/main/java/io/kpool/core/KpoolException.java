package io.kpool.core;

/** The root of every exception kpool throws; unchecked, like Kafka's {@code KafkaException}. */
public class KpoolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and how to fix it
     */
    public KpoolException(String message) {
        super(message);
    }

    /**
     * @param message what failed and how to fix it
     * @param cause the underlying failure
     */
    public KpoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
