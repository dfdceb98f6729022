package io.kpool.pool.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The client's estimate of which tasks are quick enough to pack several to a record. */
class TaskCostsTest {
    private final TaskCosts costs = new TaskCosts();

    private void record(String task, long micros, int times) {
        for (int i = 0; i < times; i++) {
            costs.record(task, micros);
        }
    }

    @Test
    void aTaskIsQuickOnlyOnceSixteenRunsShowedIt() {
        record("square", 5, 15);
        assertThat(costs.isQuick("square")).isFalse();

        costs.record("square", 5);

        assertThat(costs.isQuick("square")).isTrue();
        assertThat(costs.isQuick("never-ran")).isFalse();
    }

    @Test
    void oneSlowRunMakesAQuickTaskSlowAtOnce() {
        record("bench.sleep", 5, 100); // sleep(0)

        costs.record("bench.sleep", 1_100); // sleep(1)

        assertThat(costs.isQuick("bench.sleep")).isFalse();
    }

    @Test
    void aSlowTaskBecomesQuickAgainOnlyAfterSeveralQuickRuns() {
        record("bench.sleep", 1_100, 20);

        costs.record("bench.sleep", 5);
        assertThat(costs.isQuick("bench.sleep")).isFalse();

        record("bench.sleep", 5, 30);
        assertThat(costs.isQuick("bench.sleep")).isTrue();
    }
}
