package io.kpool.pool.internal.worker;

import io.kpool.core.RecordText;
import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.TaskMessage;
import io.kpool.pool.internal.wire.TraceParent;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One log line per finished task, as Celery's worker writes them: a failure or an expiry at INFO, a success at
 * DEBUG ({@code KPOOL_LOG_LEVEL=DEBUG} shows them), each with the task's name, id and run time (a retry has its
 * own line once its record is stored: {@link RetryEvents#LOG}). While a task
 * runs, its id, name, client and {@code traceparent} are in the MDC ({@link #TASK_ID}, {@link #TASK}, {@link #CLIENT},
 * {@link TraceParent#MDC_KEY}), so the
 * task's own log lines carry them too. Text from the task record is escaped ({@link RecordText}).
 */
final class TaskLog implements TaskEvents {
    /** MDC key: the running task's id. */
    static final String TASK_ID = "kpool.task.id";
    /** MDC key: the running task's name. */
    static final String TASK = "kpool.task";
    /** MDC key: the client that submitted the running task. */
    static final String CLIENT = "kpool.client";

    private static final Logger LOG = LoggerFactory.getLogger(TaskLog.class);

    /**
     * Puts a task into the MDC until the returned scope is closed.
     *
     * @param task the task about to be handled
     * @param clientId the client that submitted it; may be null
     * @param traceparent its record's W3C {@code traceparent}; may be null
     * @return closes the scope: removes what it put
     */
    static Scope scope(TaskMessage task, String clientId, String traceparent) {
        MDC.put(TASK_ID, RecordText.forLog(task.id()));
        MDC.put(TASK, RecordText.forLog(task.task()));
        if (clientId != null) {
            MDC.put(CLIENT, RecordText.forLog(clientId));
        }
        if (traceparent != null) {
            MDC.put(TraceParent.MDC_KEY, traceparent);
        }
        return () -> {
            MDC.remove(TASK_ID);
            MDC.remove(TASK);
            MDC.remove(CLIENT);
            MDC.remove(TraceParent.MDC_KEY);
        };
    }

    @Override
    public void succeeded(TaskMessage task, ResultMessage result, long nanos) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("Task {} succeeded in {}", name(task), seconds(nanos));
        }
    }

    @Override
    public void failed(TaskMessage task, ResultMessage result, long nanos) {
        if (LOG.isInfoEnabled()) {
            ResultMessage.Error error = result.error();
            LOG.info("Task {} failed in {}: {}: {}", name(task), seconds(nanos), RecordText.forLog(error.type()),
                    RecordText.forLog(error.message()));
        }
    }

    @Override
    public void expired(TaskMessage task, ResultMessage result) {
        LOG.info("Task {} expired: {}", name(task), RecordText.forLog(result.error().message()));
    }

    private static String name(TaskMessage task) {
        return RecordText.forLog(task.task()) + "[" + RecordText.forLog(task.id()) + "]";
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.6fs", nanos / 1e9);
    }

    /** The MDC entries of one task; closing removes them. */
    @FunctionalInterface
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
