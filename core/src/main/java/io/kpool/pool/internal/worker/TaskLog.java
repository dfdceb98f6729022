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
     * Puts a task record's client and {@code traceparent} into the MDC until the returned scope is closed; each
     * of its tasks then goes in with {@link Scope#task} as it runs. A record of a hundred quick tasks pays for
     * the record's entries once.
     *
     * @param clientId the client that submitted the record; may be null
     * @param traceparent the record's W3C {@code traceparent}; may be null
     * @return the scope: {@link Scope#task} for each task, {@link Scope#close} removes everything it put
     */
    static Scope scope(String clientId, String traceparent) {
        if (clientId != null) {
            MDC.put(CLIENT, RecordText.forLog(clientId));
        }
        if (traceparent != null) {
            MDC.put(TraceParent.MDC_KEY, traceparent);
        }
        return new Scope();
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

    /** The MDC entries of one task record and of the task of it that runs now; closing removes them. */
    static final class Scope implements AutoCloseable {
        private String name;

        private Scope() {
        }

        /** @param task the task of the record about to be handled: its id and name replace the previous task's */
        void task(TaskMessage task) {
            MDC.put(TASK_ID, RecordText.forLog(task.id()));
            if (!task.task().equals(name)) {
                name = task.task();
                MDC.put(TASK, RecordText.forLog(name));
            }
        }

        @Override
        public void close() {
            MDC.remove(TASK_ID);
            MDC.remove(TASK);
            MDC.remove(CLIENT);
            MDC.remove(TraceParent.MDC_KEY);
        }
    }
}
