package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kpool.pool.AsyncResult;
import io.kpool.pool.Pool;
import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.TaskCall;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    private static final Duration STEP = Duration.ofSeconds(60);

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<Submitted> submitted = new ArrayList<>();
    private final Map<ServiceProcess, String> names = new HashMap<>();
    private TestKafka kafka;
    private String tasksTopic;
    private String callbackTopic;
    private String group;
    private int workersStarted;
    private long startNanos;

    /** One submitted task and how often its callbacks ran. */
    private record Submitted(AsyncResult<Double> result, AtomicInteger deliveries) {
    }

    @BeforeEach
    void setUp(TestKafka kafka) {
        this.kafka = kafka;
        tasksTopic = kafka.createTopic("fault-tasks", PARTITIONS);
        callbackTopic = kafka.createTopic("fault-callbacks", PARTITIONS);
        group = kafka.uniqueName("fault-workers");
        startNanos = System.nanoTime();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : opened) {
            if (closeable instanceof Pool pool) {
                pool.terminate();
            } else {
                closeable.close();
            }
        }
    }

    @Test
    void rollingSigtermRestartsLoseNothingAndAnswerNoTaskTwice() throws Exception {
        List<ServiceProcess> live = new ArrayList<>(List.of(assignedWorker(), assignedWorker()));
        Pool pool = pool();
        int restarts = 4;
        List<Integer> pendingAtFault = new ArrayList<>();
        for (int i = 0; i < restarts; i++) {
            List<Submitted> wave = submit(pool, 80, 0.2);
            await().atMost(STEP).until(() -> wave.stream().filter(s -> s.result().ready()).count() >= 5);
            ServiceProcess stopped = live.remove(0);
            pendingAtFault.add(pool.pending());
            stopped.terminate();
            assertThat(stopped.waitForExit(STEP)).as("exit code after SIGTERM").isZero();
            pendingAtFault.add(pool.pending());
            live.add(assignedWorker());
        }

        CallbackResults topic = settle(pool);

        Figures figures = figures("rolling SIGTERM", topic, restarts, 0);
        assertThat(pendingAtFault).as("tasks pending at each SIGTERM and each replacement's start").allMatch(n -> n > 0);
        assertNothingLostOrDeliveredTwice(figures, topic);
        assertThat(topic.duplicated()).as("results on the callback topic twice").isEmpty();
    }

    @Test
    void scalingOutAndInDuringLongTasksAnswersNoTaskTwice() throws Exception {
        ServiceProcess first = assignedWorker();
        Pool pool = pool();
        List<Integer> pendingAtFault = new ArrayList<>();
        submit(pool, 10, 3);

        submit(pool, 6, 3);
        pendingAtFault.add(pool.pending());
        ServiceProcess second = assignedWorker();
        submit(pool, 6, 3);
        pendingAtFault.add(pool.pending());
        assignedWorker();
        submit(pool, 6, 3);
        pendingAtFault.add(pool.pending());
        second.terminate();
        assertThat(second.waitForExit(STEP)).as("exit code after SIGTERM").isZero();

        CallbackResults topic = settle(pool);

        Figures figures = figures("scale out 1->3, in 3->2", topic, 1, 0);
        assertThat(pendingAtFault).as("tasks pending at each join and at the SIGTERM").allMatch(n -> n > PROCESSES);
        assertNothingLostOrDeliveredTwice(figures, topic);
        assertThat(topic.duplicated()).as("results on the callback topic twice").isEmpty();
        assertThat(first.isAlive()).as("the first worker still runs").isTrue();
    }

    @Test
    void sigkillEveryFewSecondsLosesNothingAndRunsAgainOnlyTasksInFlightOnAKilledWorker() throws Exception {
        List<ServiceProcess> live = new ArrayList<>(List.of(assignedWorker(), assignedWorker()));
        Pool pool = pool();
        int kills = 3;
        Set<String> killed = new HashSet<>();
        Set<String> inFlight = new HashSet<>();
        for (int i = 0; i < kills; i++) {
            List<Submitted> wave = submit(pool, 60, 0.2);
            await().atMost(STEP).until(() -> wave.stream().filter(s -> s.result().ready()).count() >= 10);
            ServiceProcess victim = live.remove(0);
            killed.add(names.get(victim));
            inFlight.addAll(InFlightTasks.on(victim, kafka, group, tasksTopic));
            assertThat(pool.pending()).as("tasks pending at the kill").isPositive();
            victim.kill();
            live.add(worker());
        }

        CallbackResults topic = settle(pool);

        Figures figures = figures("SIGKILL every few s", topic, kills, inFlight.size());
        System.out.println("FAULT MATRIX | SIGKILL every few s | --processes x kills = " + kills * PROCESSES
                + " | answered twice, by workers: " + topic.duplicated().values());
        assertNothingLostOrDeliveredTwice(figures, topic);
        assertThat(topic.duplicated().keySet()).as("tasks answered twice vs tasks in flight on a worker when it was killed")
                .isSubsetOf(inFlight);
        assertThat(topic.duplicated()).as("each answered twice, once by the killed worker")
                .allSatisfy((id, workers) -> assertThat(workers).hasSize(2).containsAnyElementsOf(killed));
    }

    /**
     * Waits for every result, then until the group has committed every task (nothing can run again),
     * then for one more task answered after them on the same reply partition: once it is here, any
     * duplicate result has been read by the client too.
     */
    private CallbackResults settle(Pool pool) throws Exception {
        submitted.forEach(s -> s.result().waitFor(STEP));
        await().atMost(STEP).pollInterval(Duration.ofMillis(500))
                .until(() -> RawKafka.uncommitted(kafka, group, tasksTopic, PARTITIONS) == 0);
        assertThat(pool.apply(TaskCall.of("echo", "fence").returning(String.class))).isEqualTo("fence");
        return CallbackResults.read(kafka, callbackTopic);
    }

    private void assertNothingLostOrDeliveredTwice(Figures figures, CallbackResults topic) {
        System.out.println(figures.line());
        assertThat(submitted).as("every task answered").allMatch(s -> s.result().successful());
        assertThat(figures.resultsAtClient()).as("results at the client").isEqualTo(figures.submitted());
        assertThat(figures.duplicateDeliveries()).as("callbacks run twice").isZero();
        assertThat(topic.answeredIds()).as("task ids answered on the topic (and the fence)").hasSize(figures.submitted() + 1);
    }

    private Figures figures(String scenario, CallbackResults topic, int faults, long inFlightBound) {
        long delivered = submitted.stream().filter(s -> s.deliveries().get() > 0).count();
        long twice = submitted.stream().mapToLong(s -> Math.max(0, s.deliveries().get() - 1)).sum();
        return new Figures(scenario, submitted.size(), delivered, twice, topic.results() - 1, topic.duplicates(), faults,
                inFlightBound, (System.nanoTime() - startNanos) / 1e9);
    }

    private List<Submitted> submit(Pool pool, int count, double seconds) {
        List<Submitted> wave = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AtomicInteger deliveries = new AtomicInteger();
            wave.add(new Submitted(pool.applyAsync(TaskCall.of("sleep", seconds).returning(Double.class),
                    result -> deliveries.incrementAndGet(), error -> deliveries.incrementAndGet()), deliveries));
        }
        submitted.addAll(wave);
        return wave;
    }

    private ServiceProcess worker() {
        String name = "w" + ++workersStarted;
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "KPOOL_POOL_TASKS_TOPIC", tasksTopic,
                "KPOOL_POOL_CALLBACK_TOPIC", callbackTopic, "KPOOL_POOL_GROUP", group,
                "KAFKA_SESSION_TIMEOUT_MS", "6000", "KAFKA_HEARTBEAT_INTERVAL_MS", "1000");
        ServiceProcess worker = track(ServiceProcess.start(name, "kpool.pool-worker.jar", env, "--name", name,
                "--processes", Integer.toString(PROCESSES)));
        names.put(worker, name);
        return worker;
    }

    private ServiceProcess assignedWorker() {
        ServiceProcess worker = worker();
        await().atMost(STEP).until(() -> worker.hasLine(line -> line.contains(names.get(worker) + " was assigned partitions")));
        return worker;
    }

    private Pool pool() {
        return track(Pool.open(PoolClientOptions.builder().bootstrapServers(kafka.bootstrapServers()).tasksTopic(tasksTopic)
                .callbackTopic(callbackTopic).clientId("faults").build()));
    }

    private <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }
}
