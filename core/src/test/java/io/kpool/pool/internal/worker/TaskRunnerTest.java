package io.kpool.pool.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpool.core.KpoolConfig;
import io.kpool.core.internal.kafka.Json;
import io.kpool.pool.Task;
import io.kpool.pool.TaskArguments;
import io.kpool.pool.TaskRegistry;
import io.kpool.pool.internal.wire.Attempts;
import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.TaskMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Expiry, time limits and results JSON cannot carry, as one worker thread sees them. */
class TaskRunnerTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    private final AtomicInteger runs = new AtomicInteger();
    private final TimeLimits limits = new TimeLimits("test");

    private final Task nap = new Task() {
        @Override
        public String name() {
            return "nap";
        }

        @Override
        public Object execute(TaskArguments arguments) throws InterruptedException {
            runs.incrementAndGet();
            Thread.sleep(arguments.getLong(0));
            return "rested";
        }
    };

    private final Task spin = new Task() {
        @Override
        public String name() {
            return "spin";
        }

        @Override
        public Object execute(TaskArguments arguments) {
            long until = System.nanoTime() + Duration.ofMillis(arguments.getLong(0)).toNanos();
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // ignores interrupts, as careless code does
            }
            return "spun";
        }
    };

    private final Task nan = new Task() {
        @Override
        public String name() {
            return "nan";
        }

        @Override
        public Object execute(TaskArguments arguments) {
            return Map.of("ratio", Double.NaN);
        }
    };

    private TaskRunner runner(Duration workerLimit) {
        return new TaskRunner(TaskRegistry.installed().with(nap).with(spin).with(nan), "w1", FailurePolicy.ANSWER_EVERY_FAILURE,
                limits, workerLimit, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static TaskMessage call(String task, long arg, Long expiresAt, Long timeLimitMs) {
        return new TaskMessage("c-1", task, List.of(Json.toTree(arg)), Map.of(), null, null, expiresAt, timeLimitMs);
    }

    @AfterEach
    void stopTimer() {
        limits.close();
    }

    @Test
    void anExpiredTaskIsNotRunAndItsFailureNamesTheExpiry() {
        TaskRunner runner = runner(Duration.ZERO);

        ResultMessage result = runner.run(call("nap", 1, NOW.minusSeconds(1).toEpochMilli(), null), Attempts.FIRST).result();

        assertThat(result.status()).isEqualTo(ResultMessage.Status.FAILURE);
        assertThat(result.error().message()).contains("expired at 2026-11-30T09:59:59Z", "did not run");
        assertThat(runs).hasValue(0);
        assertThat(runner.expired()).isEqualTo(1);
        assertThat(runner.run(call("nap", 1, NOW.plusSeconds(1).toEpochMilli(), null), Attempts.FIRST).result().status())
                .isEqualTo(ResultMessage.Status.SUCCESS);
    }

    @Test
    void aRetryDueAfterItsTasksExpiryIsNotTriedAgainAndSaysSo() {
        Attempts second = Attempts.FIRST.failed("2026-11-30T09:59:00Z", "E", "m").next("2026-11-30T09:59:59Z");

        ResultMessage result = runner(Duration.ZERO).run(call("nap", 1, NOW.minusSeconds(1).toEpochMilli(), null), second).result();

        assertThat(result.status()).isEqualTo(ResultMessage.Status.FAILURE);
        assertThat(result.error().message()).contains("before its attempt 2 could start");
        assertThat(runs).hasValue(0);
    }

    @Test
    void aTaskPastItsTimeLimitIsInterruptedAndFailsNamingTheLimitAndTheThreadIsLeftClean() {
        ResultMessage result = runner(Duration.ZERO).run(call("nap", 10_000, null, 100L), Attempts.FIRST).result();

        assertThat(result.status()).isEqualTo(ResultMessage.Status.FAILURE);
        assertThat(result.error().message()).contains("time limit of PT0.1S", KpoolConfig.POOL_TASK_TIME_LIMIT_MS);
        assertThat(Thread.currentThread().isInterrupted()).as("the worker thread goes on without a stale interrupt").isFalse();
    }

    @Test
    void aTaskThatIgnoresTheInterruptStillFailsNamingTheLimitAndTheWorkersLimitCapsTheTasksOwn() {
        ResultMessage result = runner(Duration.ofMillis(50)).run(call("spin", 300, null, 60_000L), Attempts.FIRST).result();

        assertThat(result.status()).isEqualTo(ResultMessage.Status.FAILURE);
        assertThat(result.error().message()).contains("time limit of PT0.05S");
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void aTaskWithinItsLimitReturnsItsResult() {
        ResultMessage result = runner(Duration.ofSeconds(5)).run(call("nap", 1, null, null), Attempts.FIRST).result();

        assertThat(result.status()).isEqualTo(ResultMessage.Status.SUCCESS);
        assertThat(result.result().textValue()).isEqualTo("rested");
    }

    @Test
    void aResultHoldingNaNFailsInsteadOfArrivingAsAString() {
        ResultMessage result = runner(Duration.ZERO).run(call("nan", 0, null, null), Attempts.FIRST).result();

        assertThat(result.status()).isEqualTo(ResultMessage.Status.FAILURE);
        assertThat(result.error().message()).contains("'nan'", "JSON cannot carry");
    }
}
