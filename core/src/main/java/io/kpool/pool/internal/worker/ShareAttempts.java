package io.kpool.pool.internal.worker;

import io.kpool.core.RecordText;
import io.kpool.core.internal.delivery.InFlight;
import io.kpool.core.internal.delivery.RecordStream;
import io.kpool.pool.TaskArgumentException;
import io.kpool.pool.UnknownTaskException;
import io.kpool.pool.internal.wire.ResultMessage;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Share mode's retries: a task record whose every task threw is RELEASEd for another attempt (on any worker;
 * the share group's delivery count is the attempt number) until the delivery limit; on the last attempt its
 * FAILUREs are answered and the record goes to the dead-letter topic (REJECT). An unknown task, bad arguments
 * or a worker's own refusal (expired, too large a batch) never succeed on another attempt and are answered at
 * once; so is a record with any task that succeeded, and a task whose own retry options decided its failure
 * (a retry through the delay tiers, or a dead letter). A consumer-group stream never releases.
 */
final class ShareAttempts {
    private static final Logger LOG = LoggerFactory.getLogger(ShareAttempts.class);
    private static final Set<String> PERMANENT = Set.of(UnknownTaskException.class.getName(), TaskArgumentException.class.getName());

    private final RecordStream<TaskRequest> stream;
    private final int deliveryLimit;
    private final String worker;

    ShareAttempts(RecordStream<TaskRequest> stream, int deliveryLimit, String worker) {
        this.stream = stream;
        this.deliveryLimit = deliveryLimit;
        this.worker = worker;
    }

    /**
     * @param entry the task record, handed out and not yet done
     * @param answers its tasks' results
     * @return true if it was released for another attempt: publish nothing; false to publish the answers (the
     *     record is then rejected to the dead-letter topic if this was its last attempt)
     */
    boolean released(InFlight<TaskRequest> entry, List<TaskOutcome> answers) {
        if (!stream.settlesEachRecord() || answers.isEmpty() || !answers.stream().allMatch(ShareAttempts::retryable)) {
            return false;
        }
        ResultMessage.Error last = answers.get(0).result().error();
        if (entry.deliveryCount() < deliveryLimit) {
            LOG.info("{}: task record {} failed on attempt {} of {} ({}); released for another attempt", worker,
                    entry.value().id(), entry.deliveryCount(), deliveryLimit, RecordText.forLog(last.type() + ": " + last.message()));
            stream.release(entry);
            return true;
        }
        stream.rejectWhenDone(entry, "task record " + entry.value().id() + " failed on all " + deliveryLimit
                + " delivery attempts; the last error: " + last.type() + ": " + last.message());
        return false;
    }

    /** A plain FAILURE thrown by the task: not one its retry options decided (a RETRY or a dead letter) nor a refusal. */
    private static boolean retryable(TaskOutcome outcome) {
        ResultMessage answer = outcome.result();
        return outcome.kind() == FailurePolicy.Kind.ANSWER_FAILURE && answer.status() == ResultMessage.Status.FAILURE && answer.error() != null && answer.error().remoteStack() != null
                && !PERMANENT.contains(answer.error().type());
    }
}
