package io.kpool.pool;

import io.kpool.core.KpoolException;
import java.util.List;

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
    private final int attempts;
    private final List<String> history;

    /**
     * @param taskId the failed task's id
     * @param task the task's name
     * @param remoteType the remote exception's class name
     * @param remoteMessage its message
     * @param remoteStack its stack trace as text
     */
    public RemoteTaskException(String taskId, String task, String remoteType, String remoteMessage, String remoteStack) {
        this(taskId, task, remoteType, remoteMessage, remoteStack, 1, List.of());
    }

    /**
     * @param taskId the failed task's id
     * @param task the task's name
     * @param remoteType the last attempt's exception's class name
     * @param remoteMessage its message
     * @param remoteStack its stack trace as text
     * @param attempts how many attempts the task made
     * @param history one line per failed attempt before the last ({@code attempt 1 at <time>: <type>: <message>})
     */
    public RemoteTaskException(String taskId, String task, String remoteType, String remoteMessage, String remoteStack, int attempts,
                               List<String> history) {
        super("Task '" + task + "' (" + taskId + ") failed on the worker" + (attempts > 1 ? " after " + attempts + " attempts" : "")
                + ": " + remoteType + (remoteMessage == null ? "" : ": " + remoteMessage));
        this.taskId = taskId;
        this.remoteType = remoteType;
        this.remoteMessage = remoteMessage;
        this.remoteStack = remoteStack;
        this.attempts = attempts;
        this.history = List.copyOf(history);
    }

    /** @return how many attempts the task made (1 if it was not retried) */
    public int attempts() {
        return attempts;
    }

    /** @return the failed attempts before the last, one line each, oldest first (empty if it was not retried) */
    public List<String> history() {
        return history;
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
