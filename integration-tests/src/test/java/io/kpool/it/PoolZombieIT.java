package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kpool.pool.Pool;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A pool worker SIGSTOPped past its session timeout (a long GC pause, a frozen VM) while its threads run
 * tasks and its buffer holds more, then resumed: a zombie. The group gives its partitions to the other
 * worker meanwhile. On waking it must start none of the buffered tasks the other took over, and whatever it
 * still answers (the tasks it was running) must not reach the client twice.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PoolZombieIT {
    private static final int PARTITIONS = 4;
    private static final int PROCESSES = 2;

    private PoolFleet fleet;

    @BeforeEach
    void setUp(TestKafka kafka) throws Exception {
        fleet = new PoolFleet(kafka, PARTITIONS, PROCESSES, PoolProcesses.CLASSIC_QUICK_FAILOVER);
    }

    @AfterEach
    void tearDown() throws Exception {
        fleet.close();
    }

    @Test
    void aWorkerStoppedPastItsSessionTimeoutRunsNothingTheGroupTookOverAndNoResultReachesTheClientTwice() throws Exception {
        ServiceProcess zombie = fleet.assignedWorker();
        ServiceProcess survivor = fleet.assignedWorker();
        String zombieName = fleet.name(zombie);
        String survivorName = fleet.name(survivor);
        await().atMost(PoolFleet.STEP).until(() -> assignments(zombie, zombieName) >= 2); // after the survivor's join
        Pool pool = fleet.pool("zombie");
        fleet.submitRecorded(pool, "z", 120, 0.3);
        await().atMost(PoolFleet.STEP).until(() -> fleet.executions().markersBy(zombieName).size() >= 4);

        zombie.pause();
        long stoppedAt = System.nanoTime();
        Set<String> startedBeforeStop = fleet.executions().markersBy(zombieName);
        Set<String> inFlight = InFlightTasks.markersOn(zombie, fleet.kafka(), fleet.group(), fleet.tasksTopic());
        long survivorAssignments = assignments(survivor, survivorName);
        await().atMost(PoolFleet.STEP).until(() -> assignments(survivor, survivorName) > survivorAssignments);
        await().atMost(PoolFleet.STEP).until(() -> overlap(fleet.executions().markersBy(survivorName), inFlight).size() >= 4);
        double stoppedSeconds = (System.nanoTime() - stoppedAt) / 1e9;
        zombie.resume();

        CallbackResults topic = fleet.settle(pool);

        Executions executions = fleet.executions();
        Set<String> afterResume = new HashSet<>(executions.markersBy(zombieName));
        afterResume.removeAll(startedBeforeStop);
        Set<String> runningAtStop = overlap(startedBeforeStop, inFlight);
        Figures figures = fleet.figures("SIGSTOP past the session timeout, then SIGCONT", topic, 1, inFlight.size());
        System.out.printf("FAULT MATRIX | zombie | stopped %.1f s | started by it and uncommitted at the stop %d"
                        + " | run again: %s | started by it after SIGCONT %d%n", stoppedSeconds, runningAtStop.size(),
                executions.repeated(), afterResume.size());
        fleet.assertNothingLostOrDeliveredTwice(figures, topic);
        assertThat(overlap(afterResume, executions.markersBy(survivorName)))
                .as("tasks the zombie started after SIGCONT that the survivor ran too").isEmpty();
        assertThat(executions.repeated().keySet()).as("tasks run twice vs tasks the zombie had started and not committed")
                .isSubsetOf(runningAtStop);
        assertThat(executions.repeated()).as("each run twice, once by the zombie")
                .allSatisfy((marker, workers) -> assertThat(workers).hasSize(2).contains(zombieName));
        assertThat(zombie.isAlive()).as("the zombie lives on").isTrue();
    }

    private static long assignments(ServiceProcess worker, String name) {
        return worker.lines().stream().filter(line -> line.contains(name + " was assigned partitions")).count();
    }

    private static Set<String> overlap(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both;
    }
}
