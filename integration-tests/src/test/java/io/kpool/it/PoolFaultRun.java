package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kpool.pool.AsyncResult;
import io.kpool.pool.Pool;
import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.TaskCall;
import io.kpool.test.kafka.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool run under a fault of the broker: a client in this JVM submitting {@code sleep} tasks to pool-worker
 * processes, counting each task's callbacks and when results arrive, and at the end the results on the
 * callback topic (each one a completed execution). The workers use kpool's defaults (KIP-848 group protocol).
 */
final class PoolFaultRun implements AutoCloseable {
    static final Duration STEP = Duration.ofSeconds(90);
    private static final int PROCESSES = 2;

    private final TestKafka kafka;
    private final int partitions;
    private final String tasksTopic;
    private final String callbackTopic;
    private final String group;
    private final List<ServiceProcess> workers = new ArrayList<>();
    private final List<Submitted> submitted = new ArrayList<>();
    private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
    private final long startNanos = System.nanoTime();
    private Pool pool;

    /** One submitted task and how often its callbacks ran. */
    record Submitted(AsyncResult<Double> result, AtomicInteger deliveries) {
    }

    PoolFaultRun(TestKafka kafka, int partitions) {
        this.kafka = kafka;
        this.partitions = partitions;
        tasksTopic = kafka.createTopic("broker-fault-tasks", partitions);
        callbackTopic = kafka.createTopic("broker-fault-callbacks", partitions);
        group = kafka.uniqueName("broker-fault-workers");
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

    /** Starts a pool-worker process and waits until it owns partitions. */
    ServiceProcess worker(String name) {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(), "KPOOL_POOL_TASKS_TOPIC", tasksTopic,
                "KPOOL_POOL_CALLBACK_TOPIC", callbackTopic, "KPOOL_POOL_GROUP", group);
        ServiceProcess worker = ServiceProcess.start(name, "kpool.pool-worker.jar", env, "--name", name,
                "--processes", Integer.toString(PROCESSES));
        workers.add(worker);
        await().atMost(STEP).until(() -> worker.hasLine(line -> line.contains(name + " was assigned partitions")));
        return worker;
    }

    Pool pool() {
        if (pool == null) {
            pool = Pool.open(PoolClientOptions.builder().bootstrapServers(kafka.bootstrapServers()).tasksTopic(tasksTopic)
                    .callbackTopic(callbackTopic).clientId("broker-faults").build());
        }
        return pool;
    }

    List<Submitted> submit(int count, double seconds) {
        List<Submitted> wave = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            AtomicInteger deliveries = new AtomicInteger();
            wave.add(new Submitted(pool().applyAsync(TaskCall.of("sleep", seconds).returning(Double.class),
                    result -> arrived(deliveries), error -> arrived(deliveries)), deliveries));
        }
        submitted.addAll(wave);
        return wave;
    }

    private void arrived(AtomicInteger deliveries) {
        deliveries.incrementAndGet();
        arrivals.add(System.nanoTime());
    }

    /** Waits until {@code count} more results than now have arrived. */
    void awaitResults(int count) {
        long target = arrivals.size() + count;
        await().atMost(STEP).until(() -> arrivals.size() >= target);
    }

    /**
     * Waits for every result, then until the group has committed every task, then for one more task answered
     * after them on the same reply partition: once it is here, any duplicate result has been read by the client too.
     */
    CallbackResults settle() throws Exception {
        submitted.forEach(s -> s.result().waitFor(STEP));
        await().atMost(STEP).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> RawKafka.uncommitted(kafka, group, tasksTopic, partitions) == 0);
        assertThat(pool().apply(TaskCall.of("echo", "fence").returning(String.class))).isEqualTo("fence");
        return CallbackResults.read(kafka, callbackTopic);
    }

    /** @return the longest time between two consecutive results at the client, in seconds */
    double longestGapSeconds() {
        List<Long> times = new ArrayList<>(arrivals);
        times.sort(Long::compare);
        long longest = 0;
        for (int i = 1; i < times.size(); i++) {
            longest = Math.max(longest, times.get(i) - times.get(i - 1));
        }
        return longest / 1e9;
    }

    BrokerFaultFigures figures(String scenario, CallbackResults topic, int faults, long inFlightAtFaults) {
        long delivered = submitted.stream().filter(s -> s.deliveries().get() > 0).count();
        long twice = submitted.stream().mapToLong(s -> Math.max(0, s.deliveries().get() - 1)).sum();
        return new BrokerFaultFigures(scenario, submitted.size(), delivered, twice, topic.results() - 1, topic.duplicates(),
                faults, inFlightAtFaults, longestGapSeconds(), (System.nanoTime() - startNanos) / 1e9);
    }

    /** Prints the figures and checks that nothing was lost, delivered twice or run twice, and that every worker lives. */
    void assertEveryTaskAnsweredOnceAndRunOnce(BrokerFaultFigures figures, CallbackResults topic) {
        System.out.println(figures.line());
        assertThat(submitted).as("every task answered").allMatch(s -> s.result().successful());
        assertThat(figures.resultsAtClient()).as("results at the client").isEqualTo(figures.submitted());
        assertThat(figures.duplicateDeliveries()).as("callbacks run twice").isZero();
        assertThat(topic.answeredIds()).as("task ids answered on the topic (and the fence)").hasSize(figures.submitted() + 1);
        assertThat(topic.duplicated()).as("tasks run twice (results on the callback topic twice)").isEmpty();
        assertThat(workers).as("pool workers still running").allMatch(ServiceProcess::isAlive);
    }

    int pending() {
        return pool().pending();
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.terminate();
        }
        workers.forEach(ServiceProcess::close);
    }
}
