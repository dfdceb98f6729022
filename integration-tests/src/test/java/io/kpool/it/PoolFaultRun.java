package io.kpool.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpool.pool.Pool;
import io.kpool.test.kafka.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The pool under a fault of the broker: one client in this JVM submitting {@code sleep} tasks to pool-worker
 * processes, and the figures of a {@code FAULT MATRIX} line with the longest pause between results. The workers
 * use kpool's defaults (KIP-848 group protocol).
 */
final class PoolFaultRun extends PoolUnderFault {
    static final Duration STEP = Duration.ofSeconds(90);
    private static final int PROCESSES = 2;

    private Pool pool;

    PoolFaultRun(TestKafka kafka, int partitions) {
        super(new PoolProcesses(kafka, "broker-fault", partitions, Map.of()), STEP);
    }

    /** Starts a pool-worker process and waits until it owns partitions. */
    ServiceProcess worker(String name) {
        return assigned(named(name, processes().worker(name, PROCESSES, Map.of())));
    }

    Pool pool() {
        if (pool == null) {
            pool = pool("broker-faults");
        }
        return pool;
    }

    List<Submitted> submit(int count, double seconds) {
        return submit(pool(), count, seconds);
    }

    CallbackResults settle() throws Exception {
        return settle(pool());
    }

    BrokerFaultFigures figures(String scenario, CallbackResults topic, int faults, long inFlightAtFaults) {
        return new BrokerFaultFigures(scenario, submitted().size(), delivered(), deliveredTwice(), topic.results() - 1,
                topic.duplicateRuns(), faults, inFlightAtFaults, longestGapSeconds(), seconds());
    }

    /** Prints the figures and checks that nothing was lost, delivered twice or run twice, and that every worker lives. */
    void assertEveryTaskAnsweredOnceAndRunOnce(BrokerFaultFigures figures, CallbackResults topic) {
        assertNothingLostOrDeliveredTwice(figures, topic);
        assertThat(topic.runTwice()).as("tasks run twice (in distinct answer records on the callback topic)").isEmpty();
        assertThat(workers()).as("pool workers still running").allMatch(ServiceProcess::isAlive);
    }

    /**
     * As {@link #assertEveryTaskAnsweredOnceAndRunOnce}, for a fault where the client sends a task record again after
     * an answer that does not say whether the broker stored it (a failing disk's {@code UnknownServerException}): a
     * task runs at most once per record that carries it, and a task is carried twice only by one record sent again
     * (same partition, same bytes), never by two submissions.
     */
    void assertEveryTaskAnsweredOnceAndRunOncePerRecord(BrokerFaultFigures figures, CallbackResults topic, TaskRecords tasks) {
        assertNothingLostOrDeliveredTwice(figures, topic);
        Map<String, List<String>> storedTwice = tasks.storedTwice();
        assertThat(storedTwice.keySet()).as("tasks on the tasks topic twice are one record sent again: %s", storedTwice)
                .allMatch(tasks::sameRecord);
        topic.runTwice().forEach((id, workers) -> assertThat(topic.runs(id))
                .as("runs of task %s (answered by %s; its task records %s)", id, workers, storedTwice.get(id))
                .isLessThanOrEqualTo(tasks.records(id)));
        assertThat(workers()).as("pool workers still running").allMatch(ServiceProcess::isAlive);
    }

    int pending() {
        return pool().pending();
    }
}
