package io.kpool.pool;

import io.kpool.core.KpoolException;

/** A task was called with missing or wrongly typed arguments; the message names the task and argument. */
public class TaskArgumentException extends KpoolException {
    private static final long serialVersionUID = 1L;

    /** @param message names the task, the argument and what was expected */
    public TaskArgumentException(String message) {
        super(message);
    }
}
