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
                topic.duplicates(), faults, inFlightAtFaults, longestGapSeconds(), seconds());
    }

    /** Prints the figures and checks that nothing was lost, delivered twice or run twice, and that every worker lives. */
    void assertEveryTaskAnsweredOnceAndRunOnce(BrokerFaultFigures figures, CallbackResults topic) {
        assertNothingLostOrDeliveredTwice(figures, topic);
        assertThat(topic.duplicated()).as("tasks run twice (results on the callback topic twice)").isEmpty();
        assertThat(workers()).as("pool workers still running").allMatch(ServiceProcess::isAlive);
    }

    int pending() {
        return pool().pending();
    }
}
