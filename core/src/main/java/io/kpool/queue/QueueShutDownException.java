package io.kpool.queue;

import io.kpool.core.KpoolException;

/**
 * Thrown by {@link QueueConsumer#get} once every partition this consumer owns has been poisoned and
 * every item before the pills has been handed out: the consumer's work is over (Python 3.13's
 * {@code queue.ShutDown}).
 */
public class QueueShutDownException extends KpoolException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which topic and partitions were poisoned
     */
    public QueueShutDownException(String message) {
        super(message);
    }
}
