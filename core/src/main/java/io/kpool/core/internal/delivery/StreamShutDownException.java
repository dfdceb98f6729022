package io.kpool.core.internal.delivery;

import io.kpool.core.KpoolException;

/**
 * Every partition a {@link RecordStream}'s member owns is poisoned and drained: no record will come. The
 * features turn it into their own signal (the queue's {@code QueueShutDownException}, a worker's stop).
 */
public class StreamShutDownException extends KpoolException {
    private static final long serialVersionUID = 1L;

    /** @param message which member and topic */
    public StreamShutDownException(String message) {
        super(message);
    }
}
