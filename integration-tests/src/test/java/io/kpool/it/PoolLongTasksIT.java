package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kpool.pool.Pool;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tasks longer than {@code max.poll.interval.ms} (10 s here, 15 s tasks) while a third worker joins and
 * leaves again: the workers keep polling while their threads run tasks, so no worker falls out of the group,
 * and a task runs twice only if its partition had to move while it ran and the hand-back could not wait for
 * it (at most 80% of max.poll.interval.ms, which is the group's rebalance timeout).
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PoolLongTasksIT {
    private static final int PARTITIONS = 4;
    private static final int PROCESSES = 2;
    private static final double TASK_SECONDS = 15;

    private PoolFleet fleet;

    @BeforeEach
    void setUp(TestKafka kafka) throws Exception {
        fleet = new PoolFleet(kafka, PARTITIONS, PROCESSES, Map.of("KAFKA_MAX_POLL_INTERVAL_MS", "10000"));
    }

    @AfterEach
    void tearDown() throws Exception {
        fleet.close();
    }

    @Test
    void tasksLongerThanTheMaxPollIntervalRunOnceWhileAWorkerJoinsAndLeaves() throws Exception {
        ServiceProcess first = fleet.assignedWorker();
        ServiceProcess second = fleet.assignedWorker();
        Pool pool = fleet.pool("long");
        fleet.submitRecorded(pool, "long", 8, TASK_SECONDS);
        await().atMost(PoolFleet.STEP).until(() -> fleet.executions().count() >= 2 * PROCESSES);

        ServiceProcess joining = fleet.assignedWorker();
        String joiner = fleet.name(joining);
        await().atMost(PoolFleet.STEP).until(() -> !fleet.executions().markersBy(joiner).isEmpty());
        joining.terminate();
        assertThat(joining.waitForExit(PoolFleet.STEP)).as("exit code after SIGTERM").isZero();

        CallbackResults topic = fleet.settle(pool);

        Map<String, Long> gaveUp = Stream.of(first, second, joining).collect(Collectors.toMap(fleet::name, worker -> worker.lines()
                .stream().filter(line -> line.contains("still had items in progress")).count()));
        long lateHandBacks = gaveUp.values().stream().mapToLong(Long::longValue).sum();
        Map<String, List<String>> repeated = fleet.executions().repeated();
        Figures figures = fleet.figures("15 s tasks, max.poll.interval.ms 10 s, a worker joins and leaves", topic, 1, 0);
        System.out.println("FAULT MATRIX | long tasks | run again: " + repeated
                + " | hand-backs that gave up waiting for a running task: " + gaveUp);
        fleet.assertNothingLostOrDeliveredTwice(figures, topic);
        // the one way to run a task twice here: its partition had to move while it ran, and the hand-back could wait
        // at most 80% of max.poll.interval.ms (the group's rebalance timeout) for it; kpool's README says so
        // a partition moves twice here (the third worker joins, then leaves): a task can be caught by both moves, so
        // every run of it but the last must be by a worker whose hand-back gave up
        assertThat(repeated).as("tasks run again, each earlier run by a worker that handed their partition back while they ran")
                .allSatisfy((marker, workers) -> assertThat(workers.subList(0, workers.size() - 1))
                        .allSatisfy(worker -> assertThat(gaveUp.get(worker)).as(worker + " gave up waiting for " + marker).isPositive()));
        assertThat(fleet.executions().duplicates()).as("tasks run twice").isLessThanOrEqualTo(lateHandBacks * PROCESSES);
        assertThat(first.isAlive() && second.isAlive()).as("the first two workers still run").isTrue();
        assertThat(first.lines()).noneMatch(line -> line.contains("lost partitions"));
        assertThat(second.lines()).noneMatch(line -> line.contains("lost partitions"));
    }
}
