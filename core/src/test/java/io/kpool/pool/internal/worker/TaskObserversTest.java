package io.kpool.pool.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpool.pool.TaskRegistry;
import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.TaskMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The worker's in-memory observers of each task: what runs now, and the in-flight gauge, whatever way a task ends. */
class TaskObserversTest {
    private static TaskMessage task(String id) {
        return new TaskMessage(id, "square", List.of(), Map.of(), null, null, null, null);
    }

    private static final ResultMessage NOTICE = new ResultMessage("t", ResultMessage.Status.RETRY, null,
            new ResultMessage.Error("java.lang.IllegalStateException", "again", null), null, null, null, null);

    @Test
    void aTaskLeavesTheRunningListAndTheInFlightGaugeWhetherItSucceedsFailsOrWillBeRetried() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ActiveTasks active = new ActiveTasks();
        TaskEvents events = TaskEvents.all(List.of(new TaskMetrics(registry, TaskRegistry.installed(), "w1"), active));

        events.started(task("a"));
        assertThat(active.snapshot()).extracting(running -> running.id()).containsExactly("a");
        assertThat(registry.get("kpool.tasks.in.flight").gauge().value()).isEqualTo(1.0);
        events.retried(task("a"), NOTICE);
        events.started(task("b"));
        events.succeeded(task("b"), null, 1_000);
        events.started(task("c"));
        events.failed(task("c"), TaskRunner.rejection("c", "no"), 1_000);

        assertThat(active.snapshot()).isEmpty();
        assertThat(registry.get("kpool.tasks.in.flight").gauge().value()).isZero();
    }

    @Test
    void eachWorkerThreadShowsItsOwnRunningTask() throws InterruptedException {
        ActiveTasks active = new ActiveTasks();
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch finish = new CountDownLatch(1);
        List<Thread> threads = List.of("x", "y").stream().map(id -> new Thread(() -> {
            active.started(task(id));
            started.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            active.succeeded(task(id), null, 0);
        })).toList();
        threads.forEach(Thread::start);
        started.await();

        assertThat(active.snapshot()).extracting(running -> running.id()).containsExactlyInAnyOrder("x", "y");
        finish.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(active.snapshot()).isEmpty();
    }
}
