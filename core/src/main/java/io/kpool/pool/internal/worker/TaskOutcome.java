package io.kpool.pool.internal.worker;

import io.kpool.pool.internal.wire.Attempts;
import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.TaskMessage;
import java.time.Duration;
import java.time.Instant;

/**
 * What became of one task of a record: the result its client gets (a RETRY notice is one too) and,
 * for a retry or a dead letter, the task record to store with its attempt headers.
 *
 * @param task the task
 * @param result what its client gets
 * @param kind ANSWER_FAILURE for a plain answer (success included), RETRY or DEAD_LETTER
 * @param attempts the attempt headers of the record to store: the next attempt's for a RETRY, the
 *     failed one's for a DEAD_LETTER; null for a plain answer
 * @param delay how long a RETRY waits; null otherwise
 */
record TaskOutcome(TaskMessage task, ResultMessage result, FailurePolicy.Kind kind, Attempts attempts, Duration delay) {

    /** @return a plain answer */
    static TaskOutcome answer(TaskMessage task, ResultMessage result) {
        return new TaskOutcome(task, result, FailurePolicy.Kind.ANSWER_FAILURE, null, null);
    }

    /**
     * @param task the task that failed
     * @param attempts the attempt that failed
     * @param failure its FAILURE result (error, stack)
     * @param decision what the failure policy decided
     * @param now when it failed
     * @return the outcome: a FAILURE, or a RETRY notice and the retry record, or a FAILURE and the dead letter
     */
    static TaskOutcome failed(TaskMessage task, Attempts attempts, ResultMessage failure, FailurePolicy.Decision decision, Instant now) {
        if (decision.kind() == FailurePolicy.Kind.ANSWER_FAILURE) {
            return answer(task, attempts.attempt() == 1 ? failure
                    : failure.withRetries(new ResultMessage.Retries(attempts.attempt(), null, attempts.history())));
        }
        ResultMessage.Error error = failure.error();
        Attempts failed = attempts.failed(now.toString(), error.type(), error.message());
        if (decision.kind() == FailurePolicy.Kind.DEAD_LETTER) {
            return new TaskOutcome(task, failure.withRetries(new ResultMessage.Retries(failed.attempt(), null, failed.history())),
                    decision.kind(), failed, null);
        }
        String due = now.plus(decision.delay()).toString();
        ResultMessage notice = new ResultMessage(task.id(), ResultMessage.Status.RETRY, null, error, null, null, null, null,
                new ResultMessage.Retries(failed.attempt(), due, failed.history()));
        return new TaskOutcome(task, notice, decision.kind(), failed.next(due), decision.delay());
    }

    /** @return a success after earlier failed attempts reports them */
    static TaskOutcome succeeded(TaskMessage task, Attempts attempts, ResultMessage success) {
        return answer(task, attempts.attempt() == 1 ? success
                : success.withRetries(new ResultMessage.Retries(attempts.attempt(), null, attempts.history())));
    }
}
