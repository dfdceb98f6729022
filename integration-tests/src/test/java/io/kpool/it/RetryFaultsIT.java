package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kpool.pool.AsyncResult;
import io.kpool.pool.Pool;
import io.kpool.pool.RemoteTaskException;
import io.kpool.pool.RetryBackoff;
import io.kpool.pool.TaskCall;
import io.kpool.pool.TaskOptions;
import io.kpool.pool.TaskState;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Retries survive a pool-worker process SIGKILLed between attempts, and the DLT's tasks are listed and resubmitted by pool-worker. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RetryFaultsIT {
    private static final Duration STEP = Duration.ofSeconds(90);
    private static final int TASKS = 10;

    private PoolProcesses processes;
    private String tasksTopic;

    @BeforeEach
    void setUp(TestKafka kafka) {
        processes = new PoolProcesses(kafka, "retry-fault", 2, PoolProcesses.CLASSIC_QUICK_FAILOVER);
        tasksTopic = processes.tasksTopic();
    }

    @AfterEach
    void tearDown() {
        processes.close();
    }

    @Test
    void aWorkerSigkilledBetweenAttemptsLosesNoAttemptCountAndEveryTaskSucceedsOnItsThirdAttempt() throws Exception {
        ServiceProcess first = assignedWorker("w1");
        Pool pool = pool();
        TaskOptions options = TaskOptions.defaults().retries(3).backoff(RetryBackoff.fixed(Duration.ofSeconds(4)));
        List<AsyncResult<Object>> results = new ArrayList<>();
        AtomicInteger callbacks = new AtomicInteger();
        for (int i = 0; i < TASKS; i++) {
            results.add(pool.applyAsync(TaskCall.of("flaky", 2, "v" + i).options(options), value -> callbacks.incrementAndGet(),
                    error -> callbacks.incrementAndGet()));
        }
        await().atMost(STEP).until(() -> results.stream().allMatch(result -> result.state() == TaskState.RETRY));
        first.kill(); // every task waits in a delay tier of the killed worker's: its count is only in the records
        assignedWorker("w2");

        for (int i = 0; i < TASKS; i++) {
            assertThat(results.get(i).get(STEP)).isEqualTo("v" + i);
            assertThat(results.get(i).attempts()).as("task %d's attempts", i).isEqualTo(3);
        }
        await().atMost(STEP).until(() -> callbacks.get() == TASKS);
        System.out.println("RETRY FAULTS | SIGKILL between attempts | " + TASKS + " tasks, each answered once after 3 attempts");
    }

    @Test
    void poolWorkerListsTheTasksInTheDltAndResubmitsThem() throws Exception {
        assignedWorker("w1");
        Pool pool = pool();
        AsyncResult<Object> doomed = pool.applyAsync(TaskCall.of("flaky", 9, "never")
                .options(TaskOptions.defaults().retries(1).backoff(RetryBackoff.fixed(Duration.ofMillis(200)))));
        assertThatThrownBy(() -> doomed.get(STEP)).isInstanceOfSatisfying(RemoteTaskException.class,
                failure -> assertThat(failure.attempts()).isEqualTo(2));

        ServiceProcess list = processes.start("dead-tasks", "kpool.pool-worker.jar", Map.of(), "dead-tasks");
        assertThat(list.waitForExit(STEP)).isZero();
        assertThat(list.lines()).anySatisfy(line -> assertThat(line).contains(" flaky 2 ", "attempt 2 of 10 fails on purpose"))
                .anySatisfy(line -> assertThat(line).isEqualTo("1 dead task(s) in " + tasksTopic + ".DLT"));
        String id = list.lines().stream().filter(line -> line.contains(" flaky ")).findFirst().orElseThrow().split(" ")[1];

        ServiceProcess resubmit = processes.start("resubmit", "kpool.pool-worker.jar", Map.of(), "dead-tasks", "--resubmit", id);
        assertThat(resubmit.waitForExit(STEP)).isZero();
        assertThat(resubmit.lines()).contains("1 of 1 task(s) resubmitted to " + tasksTopic);
        ServiceProcess again = processes.start("dead-tasks-2", "kpool.pool-worker.jar", Map.of(), "dead-tasks");
        assertThat(again.waitForExit(STEP)).isZero();
        assertThat(again.lines()).as("it ran again from attempt 1, failed twice more and is back in the DLT")
                .contains("2 dead task(s) in " + tasksTopic + ".DLT");
    }

    private ServiceProcess assignedWorker(String name) {
        return PoolProcesses.assigned(processes.worker(name, 2, Map.of()), name, STEP);
    }

    private Pool pool() {
        return processes.pool("retry-faults");
    }
}
