package io.kpool.pool;

import io.kpool.core.KpoolException;

/** A worker was asked to run a task it does not have; the message lists the ones it has. */
public class UnknownTaskException extends KpoolException {
    private static final long serialVersionUID = 1L;

    /** @param message names the task and the tasks the worker knows */
    public UnknownTaskException(String message) {
        super(message);
    }
}
