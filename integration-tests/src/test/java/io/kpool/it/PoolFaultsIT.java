package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kpool.it.PoolUnderFault.Submitted;
import io.kpool.pool.Pool;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pool's fault matrix: pool-worker processes restarted with SIGTERM, scaled out and in, and killed
 * with SIGKILL while a client's tasks run. Each scenario prints one line of figures (see the README's
 * "Fault matrix") and checks: nothing lost, no task delivered twice to the client, and results on the
 * callback topic twice only for tasks in flight on a killed worker.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(value = 80, unit = TimeUnit.SECONDS) // each of the three; the class stays under 4 minutes
class PoolFaultsIT {
    private static final int PARTITIONS = 4;
    private static final int PROCESSES = 2;
    private static final Duration STEP = PoolFleet.STEP;

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
    void rollingSigtermRestartsLoseNothingAndAnswerNoTaskTwice() throws Exception {
        List<ServiceProcess> live = new ArrayList<>(List.of(fleet.assignedWorker(), fleet.assignedWorker()));
        Pool pool = fleet.pool("faults");
        int restarts = 4;
        List<Integer> pendingAtFault = new ArrayList<>();
        for (int i = 0; i < restarts; i++) {
            List<Submitted> wave = fleet.submit(pool, 80, 0.2);
            await().atMost(STEP).until(() -> wave.stream().filter(s -> s.result().ready()).count() >= 5);
            ServiceProcess stopped = live.remove(0);
            pendingAtFault.add(pool.pending());
            stopped.terminate();
            assertThat(stopped.waitForExit(STEP)).as("exit code after SIGTERM").isZero();
            pendingAtFault.add(pool.pending());
            live.add(fleet.assignedWorker());
        }

        CallbackResults topic = fleet.settle(pool);

        Figures figures = fleet.figures("rolling SIGTERM", topic, restarts, 0);
        assertThat(pendingAtFault).as("tasks pending at each SIGTERM and each replacement's start").allMatch(n -> n > 0);
        fleet.assertNothingLostOrDeliveredTwice(figures, topic);
        assertThat(topic.duplicated()).as("results on the callback topic twice").isEmpty();
    }

    @Test
    void scalingOutAndInDuringLongTasksAnswersNoTaskTwice() throws Exception {
        ServiceProcess first = fleet.assignedWorker();
        Pool pool = fleet.pool("faults");
        List<Integer> pendingAtFault = new ArrayList<>();
        fleet.submit(pool, 10, 3);

        fleet.submit(pool, 6, 3);
        pendingAtFault.add(pool.pending());
        ServiceProcess second = fleet.assignedWorker();
        fleet.submit(pool, 6, 3);
        pendingAtFault.add(pool.pending());
        fleet.assignedWorker();
        fleet.submit(pool, 6, 3);
        pendingAtFault.add(pool.pending());
        second.terminate();
        assertThat(second.waitForExit(STEP)).as("exit code after SIGTERM").isZero();

        CallbackResults topic = fleet.settle(pool);

        Figures figures = fleet.figures("scale out 1->3, in 3->2", topic, 1, 0);
        assertThat(pendingAtFault).as("tasks pending at each join and at the SIGTERM").allMatch(n -> n > PROCESSES);
        fleet.assertNothingLostOrDeliveredTwice(figures, topic);
        assertThat(topic.duplicated()).as("results on the callback topic twice").isEmpty();
        assertThat(first.isAlive()).as("the first worker still runs").isTrue();
    }

    @Test
    void sigkillEveryFewSecondsLosesNothingAndRunsAgainOnlyTasksInFlightOnAKilledWorker() throws Exception {
        List<ServiceProcess> live = new ArrayList<>(List.of(fleet.assignedWorker(), fleet.assignedWorker()));
        Pool pool = fleet.pool("faults");
        int kills = 3;
        Set<String> killed = new HashSet<>();
        Set<String> inFlight = new HashSet<>();
        for (int i = 0; i < kills; i++) {
            List<Submitted> wave = fleet.submit(pool, 60, 0.2);
            await().atMost(STEP).until(() -> wave.stream().filter(s -> s.result().ready()).count() >= 10);
            ServiceProcess victim = live.remove(0);
            killed.add(fleet.name(victim));
            inFlight.addAll(InFlightTasks.on(victim, fleet.kafka(), fleet.group(), fleet.tasksTopic()));
            assertThat(pool.pending()).as("tasks pending at the kill").isPositive();
            victim.kill();
            live.add(fleet.worker());
        }

        CallbackResults topic = fleet.settle(pool);

        Figures figures = fleet.figures("SIGKILL every few s", topic, kills, inFlight.size());
        System.out.println("FAULT MATRIX | SIGKILL every few s | --processes x kills = " + kills * PROCESSES
                + " | answered twice, by workers: " + topic.duplicated().values());
        fleet.assertNothingLostOrDeliveredTwice(figures, topic);
        assertThat(topic.duplicated().keySet()).as("tasks answered twice vs tasks in flight on a worker when it was killed")
                .isSubsetOf(inFlight);
        assertThat(topic.duplicated()).as("each answered twice, once by the killed worker")
                .allSatisfy((id, workers) -> assertThat(workers).hasSize(2).containsAnyElementsOf(killed));
    }
}
