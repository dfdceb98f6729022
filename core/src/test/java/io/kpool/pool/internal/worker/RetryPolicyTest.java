package io.kpool.pool.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpool.pool.RetryBackoff;
import io.kpool.pool.RetryTaskException;
import io.kpool.pool.TaskArgumentException;
import io.kpool.pool.TaskOptions;
import io.kpool.pool.UnknownTaskException;
import io.kpool.pool.internal.wire.RetrySpec;
import io.kpool.pool.internal.wire.TaskMessage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker's retry decisions: retries, backoff, retryOn/noRetryOn, what is never retried, RetryTaskException. */
class RetryPolicyTest {
    private static final TaskOptions WORKER = TaskOptions.defaults().retries(0)
            .backoff(new RetryBackoff(Duration.ofSeconds(1), 2, Duration.ofSeconds(5), 0)).retryOn(new String[0]).noRetryOn(new String[0]);

    private static TaskMessage task(RetrySpec retry) {
        return new TaskMessage("c-1", "t", List.of(), Map.of(), null, null, null, null, retry);
    }

    private static RetrySpec retries(int max) {
        return new RetrySpec(max, null, null, null, null, null, null);
    }

    private final RetryPolicy policy = new RetryPolicy(WORKER, () -> 0.5);

    @Test
    void withoutRetriesAFailureIsAnsweredAtOnceAsBefore() {
        assertThat(policy.decide(task(null), 1, new IllegalStateException())).isEqualTo(FailurePolicy.Decision.ANSWER);
        assertThat(policy.decide(task(null), 1, new UnknownTaskException("x"))).isEqualTo(FailurePolicy.Decision.ANSWER);
    }

    @Test
    void aFailureIsRetriedAfterAGrowingCappedBackoffUntilItsRetriesAreUsedUp() {
        TaskMessage task = task(retries(4));
        assertThat(policy.decide(task, 1, new IllegalStateException())).isEqualTo(FailurePolicy.Decision.retryIn(Duration.ofSeconds(1)));
        assertThat(policy.decide(task, 2, new IllegalStateException())).isEqualTo(FailurePolicy.Decision.retryIn(Duration.ofSeconds(2)));
        assertThat(policy.decide(task, 3, new IllegalStateException())).isEqualTo(FailurePolicy.Decision.retryIn(Duration.ofSeconds(4)));
        assertThat(policy.decide(task, 4, new IllegalStateException())).isEqualTo(FailurePolicy.Decision.retryIn(Duration.ofSeconds(5)));
        assertThat(policy.decide(task, 5, new IllegalStateException())).isEqualTo(FailurePolicy.Decision.DEAD_LETTER);
    }

    @Test
    void anUnknownTaskAndBadArgumentsAreNeverRetriedButDeadLettered() {
        assertThat(policy.decide(task(retries(3)), 1, new UnknownTaskException("no such task"))).isEqualTo(FailurePolicy.Decision.DEAD_LETTER);
        assertThat(policy.decide(task(retries(3)), 1, new TaskArgumentException("bad"))).isEqualTo(FailurePolicy.Decision.DEAD_LETTER);
    }

    @Test
    void retryOnAndNoRetryOnMatchAClassOrASuperclassByFullOrSimpleName() {
        TaskMessage onlyIo = task(new RetrySpec(3, null, null, null, null, List.of("java.io.IOException"), List.of("FileNotFoundException")));
        assertThat(policy.decide(onlyIo, 1, new IOException()).kind()).isEqualTo(FailurePolicy.Kind.RETRY);
        assertThat(policy.decide(onlyIo, 1, new java.net.ConnectException()).kind()).as("a subclass").isEqualTo(FailurePolicy.Kind.RETRY);
        assertThat(policy.decide(onlyIo, 1, new FileNotFoundException()).kind()).isEqualTo(FailurePolicy.Kind.DEAD_LETTER);
        assertThat(policy.decide(onlyIo, 1, new IllegalStateException()).kind()).isEqualTo(FailurePolicy.Kind.DEAD_LETTER);
    }

    @Test
    void theWorkersOptionsFillWhatTheTaskLeavesOutAndJitterShortensTheWait() {
        RetryPolicy workerRetries = new RetryPolicy(WORKER.retries(1).backoff(new RetryBackoff(Duration.ofSeconds(10), 1,
                Duration.ofSeconds(10), 0.5)), () -> 0.5);
        assertThat(workerRetries.decide(task(null), 1, new IllegalStateException()))
                .isEqualTo(FailurePolicy.Decision.retryIn(Duration.ofMillis(7_500)));
        assertThat(workerRetries.decide(task(retries(0)), 1, new IllegalStateException())).isEqualTo(FailurePolicy.Decision.ANSWER);
        assertThat(workerRetries.decide(task(new RetrySpec(null, 100L, null, null, 0.0, null, null)), 1, new IllegalStateException()))
                .isEqualTo(FailurePolicy.Decision.retryIn(Duration.ofMillis(100)));
    }

    @Test
    void aRetryTaskExceptionIsRetriedWhateverTheListsSayAfterItsOwnDelayAndWithinItsOwnMaximum() {
        TaskMessage strict = task(new RetrySpec(2, null, null, null, null, List.of("java.io.IOException"), null));
        assertThat(policy.decide(strict, 1, new RetryTaskException("later", Duration.ofMillis(300))))
                .isEqualTo(FailurePolicy.Decision.retryIn(Duration.ofMillis(300)));
        assertThat(policy.decide(strict, 3, new RetryTaskException("later", Duration.ofMillis(300))).kind())
                .isEqualTo(FailurePolicy.Kind.DEAD_LETTER);
        assertThat(policy.decide(task(null), 5, new RetryTaskException("more", null, 5, null)))
                .isEqualTo(FailurePolicy.Decision.retryIn(Duration.ofSeconds(5)));
    }
}
