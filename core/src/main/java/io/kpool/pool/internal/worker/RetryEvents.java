package io.kpool.pool.internal.worker;

import io.kpool.core.RecordText;
import io.kpool.pool.internal.wire.Attempts;
import io.kpool.pool.internal.wire.TaskMessage;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Told of every retry and task dead letter once its record is stored: the hook for metrics.
 * {@link #LOG} writes one line each.
 */
interface RetryEvents {

    /** One log line per retry (task id, attempt, delay, error) and per dead-lettered task. */
    RetryEvents LOG = new RetryEvents() {
        private final Logger log = LoggerFactory.getLogger(RetryEvents.class);

        @Override
        public void retrying(TaskMessage task, Attempts next, Duration delay) {
            log.info("Task '{}' ({}) attempt {} failed; attempt {} in {} ms: {}", RecordText.forLog(task.task()),
                    RecordText.forLog(task.id()), next.attempt() - 1, next.attempt(), delay.toMillis(), RecordText.forLog(next.lastError()));
        }

        @Override
        public void deadLettered(TaskMessage task, Attempts failed, String topic) {
            log.warn("Task '{}' ({}) failed for good after {} attempt(s), dead-lettered to '{}': {}", RecordText.forLog(task.task()),
                    RecordText.forLog(task.id()), failed.attempt(), topic, RecordText.forLog(failed.lastError()));
        }
    };

    /**
     * @param task the task that failed
     * @param next the next attempt's headers (number, due time, last error)
     * @param delay how long it waits
     */
    void retrying(TaskMessage task, Attempts next, Duration delay);

    /**
     * @param task the task that failed for good
     * @param failed its attempts
     * @param topic the dead-letter topic
     */
    void deadLettered(TaskMessage task, Attempts failed, String topic);
}
