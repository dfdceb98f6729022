package io.kpool.queue;

import io.kpool.core.KpoolException;

/** {@link QueueProducer#join} gave up before the consumer group had processed every item. */
public class JoinTimeoutException extends KpoolException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message how many items were done, which group was waited on, and what to check
     */
    public JoinTimeoutException(String message) {
        super(message);
    }
}
