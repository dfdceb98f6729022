package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kpool.pool.AsyncResult;
import io.kpool.pool.Pool;
import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.TaskCall;
import io.kpool.test.kafka.TestKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * What the pool's fault tests share: pool-worker processes (named w1, w2, …, each able to run
 * {@link RecordedSleepTask}) on their own topics and group, clients, the tasks submitted with how often
 * their callbacks ran, and the figures and checks of a {@code FAULT MATRIX} line.
 */
final class PoolFleet {
    static final Duration STEP = Duration.ofSeconds(60);
    /**
     * Worker settings that detect a dead or stopped worker in 6 s: the classic group protocol (whose session the
     * member sets; KIP-848's is the broker's, 45 s by default).
     */
    static final Map<String, String> CLASSIC_QUICK_FAILOVER = Map.of("KAFKA_SESSION_TIMEOUT_MS", "6000",
            "KAFKA_HEARTBEAT_INTERVAL_MS", "1000");

    /**
     * One submitted task and how often its callbacks ran.
     *
     * @param marker what a recorded task returns and records; null for a plain sleep
     */
    record Submitted(AsyncResult<?> result, AtomicInteger deliveries, String marker) {
    }

    private final TestKafka kafka;
    private final int partitions;
    private final int processes;
    private final Map<String, String> workerEnv = new HashMap<>();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<Submitted> submitted = new ArrayList<>();
    private final Map<ServiceProcess, String> names = new HashMap<>();
    private final Path executionsDirectory;
    private final Path tasksDirectory;
    private final String workerClasspath;
    private final String tasksTopic;
    private final String callbackTopic;
    private final String group;
    private final long startNanos = System.nanoTime();
    private int workersStarted;

    /**
     * @param workerSettings environment every worker gets besides the broker, topics and group (e.g. KAFKA_SESSION_TIMEOUT_MS)
     */
    PoolFleet(TestKafka kafka, int partitions, int processes, Map<String, String> workerSettings) throws IOException {
        this.kafka = kafka;
        this.partitions = partitions;
        this.processes = processes;
        tasksTopic = kafka.createTopic("fault-tasks", partitions);
        callbackTopic = kafka.createTopic("fault-callbacks", partitions);
        group = kafka.uniqueName("fault-workers");
        executionsDirectory = Files.createTempDirectory("kpool-executions");
        tasksDirectory = Files.createTempDirectory("kpool-worker-tasks");
        workerClasspath = WorkerTasks.classpath(tasksDirectory);
        workerEnv.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "KPOOL_POOL_TASKS_TOPIC", tasksTopic,
                "KPOOL_POOL_CALLBACK_TOPIC", callbackTopic, "KPOOL_POOL_GROUP", group));
        workerEnv.putAll(workerSettings);
    }

    TestKafka kafka() {
        return kafka;
    }

    String tasksTopic() {
        return tasksTopic;
    }

    String callbackTopic() {
        return callbackTopic;
    }

    String group() {
        return group;
    }

    List<Submitted> submitted() {
        return submitted;
    }

    /** @return seconds since the fleet was set up */
    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** @return every recorded execution so far */
    Executions executions() {
        return Executions.read(executionsDirectory);
    }

    /** @return the worker's name (w1, w2, …) */
    String name(ServiceProcess worker) {
        return names.get(worker);
    }

    /** @return a started pool-worker process; it may not have joined the group yet */
    ServiceProcess worker(String... extraArgs) {
        String name = "w" + ++workersStarted;
        Map<String, String> env = new HashMap<>(workerEnv);
        env.put(RecordedSleepTask.LOG_VARIABLE, Executions.file(executionsDirectory, name).toString());
        List<String> args = new ArrayList<>(List.of("--name", name, "--processes", Integer.toString(processes),
                "--tasks", "sleep,echo," + RecordedSleepTask.NAME));
        args.addAll(List.of(extraArgs));
        ServiceProcess worker = track(ServiceProcess.startMain(name, workerClasspath, "io.kpool.worker.PoolWorkerApp", env,
                args.toArray(String[]::new)));
        names.put(worker, name);
        return worker;
    }

    /** @return a started pool-worker process once it has been assigned partitions */
    ServiceProcess assignedWorker(String... extraArgs) {
        ServiceProcess worker = worker(extraArgs);
        await().atMost(STEP).until(() -> worker.hasLine(line -> line.contains(names.get(worker) + " was assigned partitions")));
        return worker;
    }

    /** @return a client of the fleet's topics, terminated at the end of the test */
    Pool pool(String clientId) {
        return pool(PoolClientOptions.builder().clientId(clientId));
    }

    /** @return a client of the fleet's topics with the builder's settings, terminated at the end of the test */
    Pool pool(PoolClientOptions.Builder builder) {
        return track(Pool.open(builder.bootstrapServers(kafka.bootstrapServers()).tasksTopic(tasksTopic)
                .callbackTopic(callbackTopic).build()));
    }

    /** Submits {@code count} {@code sleep(seconds)} tasks. */
    List<Submitted> submit(Pool pool, int count, double seconds) {
        List<Submitted> wave = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            wave.add(submit(pool, TaskCall.of("sleep", seconds).returning(Double.class), null));
        }
        return wave;
    }

    /** Submits {@code count} {@code recorded-sleep(prefix + n, seconds)} tasks, n counting on over the test. */
    List<Submitted> submitRecorded(Pool pool, String prefix, int count, double seconds) {
        List<Submitted> wave = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String marker = prefix + submitted.size();
            wave.add(submit(pool, TaskCall.of(RecordedSleepTask.NAME, marker, seconds).returning(String.class), marker));
        }
        return wave;
    }

    private <T> Submitted submit(Pool pool, TaskCall<T> call, String marker) {
        AtomicInteger deliveries = new AtomicInteger();
        Submitted task = new Submitted(pool.applyAsync(call, result -> deliveries.incrementAndGet(),
                error -> deliveries.incrementAndGet()), deliveries, marker);
        submitted.add(task);
        return task;
    }

    /**
     * Waits for every result, then until the group has committed every task (nothing can run again),
     * then for one more task answered after them on the same reply partition: once it is here, any
     * duplicate result has been read by the client too.
     */
    CallbackResults settle(Pool pool) throws Exception {
        submitted.forEach(s -> s.result().waitFor(STEP));
        await().atMost(STEP).pollInterval(Duration.ofMillis(500))
                .until(() -> RawKafka.uncommitted(kafka, group, tasksTopic, partitions) == 0);
        assertThat(pool.apply(TaskCall.of("echo", "fence").returning(String.class))).isEqualTo("fence");
        return CallbackResults.read(kafka, callbackTopic);
    }

    /** Prints the figures, then checks: every task answered once to the client, every task answered on the topic. */
    void assertNothingLostOrDeliveredTwice(Figures figures, CallbackResults topic) {
        System.out.println(figures.line());
        assertThat(submitted).as("every task answered").allMatch(s -> s.result().successful());
        assertThat(submitted).as("recorded tasks answered with their own marker")
                .allMatch(s -> s.marker() == null || s.marker().equals(s.result().get(Duration.ZERO)));
        assertThat(figures.resultsAtClient()).as("results at the client").isEqualTo(figures.submitted());
        assertThat(figures.duplicateDeliveries()).as("callbacks run twice").isZero();
        assertThat(topic.answeredIds()).as("task ids answered on the topic (and the fence)").hasSize(figures.submitted() + 1);
    }

    /** @return the figures of the tasks submitted so far, with the executions recorded so far */
    Figures figures(String scenario, CallbackResults topic, int faults, long inFlight) {
        long delivered = submitted.stream().filter(s -> s.deliveries().get() > 0).count();
        long twice = submitted.stream().mapToLong(s -> Math.max(0, s.deliveries().get() - 1)).sum();
        Executions executions = executions();
        boolean recorded = submitted.stream().anyMatch(s -> s.marker() != null);
        return new Figures(scenario, submitted.size(), delivered, twice, topic.results() - 1, topic.duplicates(), faults,
                inFlight, seconds(), recorded ? executions.count() : -1,
                recorded ? executions.duplicates() : -1);
    }

    private <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    /** Terminates the clients, kills the processes the fleet started and deletes its files. */
    void close() throws Exception {
        for (AutoCloseable closeable : opened) {
            if (closeable instanceof Pool pool) {
                pool.terminate();
            } else {
                closeable.close();
            }
        }
        for (Path directory : List.of(executionsDirectory, tasksDirectory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
