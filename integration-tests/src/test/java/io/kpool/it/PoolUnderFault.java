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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the fault-matrix tests share, whatever the fault ({@link PoolFleet}: workers killed or stopped;
 * {@link PoolFaultRun}: the broker lost): a pool of named pool-worker processes, clients submitting tasks
 * with how often each task's callbacks ran and when results arrived, the wait until every task is answered
 * and committed, and the checks that nothing was lost or delivered twice.
 */
abstract class PoolUnderFault implements AutoCloseable {
    /**
     * One submitted task and how often its callbacks ran.
     *
     * @param marker what a recorded task returns and records; null for a plain sleep
     */
    record Submitted(AsyncResult<?> result, AtomicInteger deliveries, String marker) {
    }

    private final PoolProcesses processes;
    private final Duration step;
    private final List<Submitted> submitted = new ArrayList<>();
    private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
    private final Map<ServiceProcess, String> workers = new LinkedHashMap<>();
    private final long startNanos = System.nanoTime();

    /** @param step how long one step of a scenario (a worker's join, all results, the commits) may take */
    PoolUnderFault(PoolProcesses processes, Duration step) {
        this.processes = processes;
        this.step = step;
    }

    PoolProcesses processes() {
        return processes;
    }

    TestKafka kafka() {
        return processes.kafka();
    }

    String tasksTopic() {
        return processes.tasksTopic();
    }

    String callbackTopic() {
        return processes.callbackTopic();
    }

    String group() {
        return processes.group();
    }

    List<Submitted> submitted() {
        return submitted;
    }

    /** @return seconds since the run was set up */
    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** @return {@code worker}, known from now on by {@code name} */
    ServiceProcess named(String name, ServiceProcess worker) {
        workers.put(worker, name);
        return worker;
    }

    /** @return the worker's name */
    String name(ServiceProcess worker) {
        return workers.get(worker);
    }

    /** @return {@code worker} once it has been assigned partitions */
    ServiceProcess assigned(ServiceProcess worker) {
        return PoolProcesses.assigned(worker, name(worker), step);
    }

    /** @return every worker started, in order */
    Collection<ServiceProcess> workers() {
        return workers.keySet();
    }

    /** @return a client of the run's topics, terminated at the end of the test */
    Pool pool(String clientId) {
        return processes.pool(clientId);
    }

    /** @return a client of the run's topics with the builder's settings, terminated at the end of the test */
    Pool pool(PoolClientOptions.Builder builder) {
        return processes.pool(builder);
    }

    /** Submits {@code count} {@code sleep(seconds)} tasks. */
    List<Submitted> submit(Pool pool, int count, double seconds) {
        List<Submitted> wave = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            wave.add(submit(pool, TaskCall.of("sleep", seconds).returning(Double.class), null));
        }
        return wave;
    }

    /** Submits one task, counting its callbacks and noting when its result arrives. */
    <T> Submitted submit(Pool pool, TaskCall<T> call, String marker) {
        AtomicInteger deliveries = new AtomicInteger();
        Submitted task = new Submitted(pool.applyAsync(call, result -> arrived(deliveries), error -> arrived(deliveries)),
                deliveries, marker);
        submitted.add(task);
        return task;
    }

    private void arrived(AtomicInteger deliveries) {
        deliveries.incrementAndGet();
        arrivals.add(System.nanoTime());
    }

    /** Waits until {@code count} more results than now have arrived. */
    void awaitResults(int count) {
        long target = arrivals.size() + count;
        await().atMost(step).until(() -> arrivals.size() >= target);
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

    /** @return the tasks submitted so far whose result reached the client */
    long delivered() {
        return submitted.stream().filter(s -> s.deliveries().get() > 0).count();
    }

    /** @return callbacks run a second (or later) time for one task, so far */
    long deliveredTwice() {
        return submitted.stream().mapToLong(s -> Math.max(0, s.deliveries().get() - 1)).sum();
    }

    /**
     * Waits for every result, then until the group has committed every task (nothing can run again),
     * then for one more task answered after them on the same reply partition: once it is here, any
     * duplicate result has been read by the client too.
     */
    CallbackResults settle(Pool pool) throws Exception {
        submitted.forEach(s -> s.result().waitFor(step));
        await().atMost(step).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> RawKafka.uncommitted(kafka(), group(), tasksTopic(), processes.partitions()) == 0);
        assertThat(pool.apply(TaskCall.of("echo", "fence").returning(String.class))).isEqualTo("fence");
        return CallbackResults.read(kafka(), callbackTopic());
    }

    /** Prints the figures, then checks: every task answered once to the client, every task answered on the topic. */
    void assertNothingLostOrDeliveredTwice(FaultFigures figures, CallbackResults topic) {
        System.out.println(figures.line());
        List<String> failures = submitted.stream().filter(s -> !s.result().successful()).map(PoolUnderFault::failure).toList();
        assertThat(failures).as("tasks that failed instead of being answered").isEmpty();
        assertThat(submitted).as("recorded tasks answered with their own marker")
                .allMatch(s -> s.marker() == null || s.marker().equals(s.result().get(Duration.ZERO)));
        assertThat(figures.resultsAtClient()).as("results at the client").isEqualTo(figures.submitted());
        assertThat(figures.duplicateDeliveries()).as("callbacks run twice").isZero();
        assertThat(topic.answeredIds()).as("task ids answered on the topic (and the fence)").hasSize(figures.submitted() + 1);
    }

    /** @return why a finished task failed: its exception, as the caller sees it */
    private static String failure(Submitted task) {
        try {
            task.result().get(Duration.ZERO);
            return "succeeded";
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    /** Terminates the clients and stops the processes. */
    @Override
    public void close() {
        processes.close();
    }
}
