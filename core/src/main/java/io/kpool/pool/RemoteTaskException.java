package io.kpool.pool;

import io.kpool.core.KpoolException;

/**
 * A task failed on the worker: {@code AsyncResult.get} throws this with the remote exception's type,
 * message and stack trace (as text: no classes travel).
 */
public class RemoteTaskException extends KpoolException {
    private static final long serialVersionUID = 1L;

    private final String taskId;
    private final String remoteType;
    private final String remoteMessage;
    private final String remoteStack;

    /**
     * @param taskId the failed task's id
     * @param task the task's name
     * @param remoteType the remote exception's class name
     * @param remoteMessage its message
     * @param remoteStack its stack trace as text
     */
    public RemoteTaskException(String taskId, String task, String remoteType, String remoteMessage, String remoteStack) {
        super("Task '" + task + "' (" + taskId + ") failed on the worker: " + remoteType
                + (remoteMessage == null ? "" : ": " + remoteMessage));
        this.taskId = taskId;
        this.remoteType = remoteType;
        this.remoteMessage = remoteMessage;
        this.remoteStack = remoteStack;
    }

    /** @return the failed task's id */
    public String taskId() {
        return taskId;
    }

    /** @return the remote exception's class name, e.g. {@code java.lang.ArithmeticException} */
    public String remoteType() {
        return remoteType;
    }

    /** @return the remote exception's message (may be null) */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** @return the remote stack trace as text */
    public String remoteStack() {
        return remoteStack;
    }
}
