package io.kpool.pool;

import io.kpool.core.KpoolException;

/** No result came in time: from {@link AsyncResult#get}, or a task failed by the pool's task timeout. */
public class TaskTimeoutException extends KpoolException {
    private static final long serialVersionUID = 1L;

    /** @param message which task and how long was waited */
    public TaskTimeoutException(String message) {
        super(message);
    }
}
