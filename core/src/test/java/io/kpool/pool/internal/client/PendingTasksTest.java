package io.kpool.pool.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.IntNode;
import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.Json;
import io.kpool.pool.TaskTimeoutException;
import io.kpool.pool.internal.wire.ResultMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

/**
 * The client's pending tasks: each leaves once, by its result, a failure, the task timeout or a
 * failure of all, and its one callback is handed to the callback thread (here a queue the test runs).
 */
class PendingTasksTest {
    private final AtomicLong clock = new AtomicLong();
    private final List<Runnable> callbackThread = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();

    private PendingTasks pending(Duration taskTimeout) {
        return new PendingTasks("c", taskTimeout, callbackThread::add, clock::get);
    }

    private PendingTask<Integer> register(PendingTasks pending, String name) {
        return pending.register(name, Json.mapper().constructType(Integer.class),
                value -> calls.add(name + " -> " + value), error -> calls.add(name + " failed: " + error.getMessage()));
    }

    private static ResultMessage success(PendingTask<?> task, int value) {
        return new ResultMessage(task.id(), ResultMessage.Status.SUCCESS, IntNode.valueOf(value), null, "w", null, null, 3L);
    }

    private void runCallbacks() {
        List<Runnable> queued = new ArrayList<>(callbackThread);
        callbackThread.clear();
        queued.forEach(Runnable::run);
    }

    @Test
    void aResultCompletesItsTaskAndItsCallbackRunsOnTheCallbackThreadNotTheCaller() {
        PendingTasks pending = pending(Duration.ZERO);
        PendingTask<Integer> square = register(pending, "square");

        assertThat(pending.complete(success(square, 9))).isSameAs(square);

        assertThat(square).isCompletedWithValue(9);
        assertThat(pending.size()).isZero();
        assertThat(calls).as("not run by the reply thread").isEmpty();
        runCallbacks();
        assertThat(calls).containsExactly("square -> 9");
    }

    @Test
    void aSecondAnswerOfOneOfItsOwnTasksIsCountedAsDroppedAndAnotherClientsResultIsNot() {
        AtomicLong dropped = new AtomicLong();
        PendingTasks pending = new PendingTasks("c", Duration.ZERO, callbackThread::add, clock::get, dropped::incrementAndGet);
        PendingTask<Integer> square = register(pending, "square");

        assertThat(pending.complete(success(square, 9))).isSameAs(square);
        assertThat(pending.complete(success(square, 9))).as("the task ran twice").isNull();
        assertThat(pending.complete(new ResultMessage("other-" + square.sequence(), ResultMessage.Status.SUCCESS,
                IntNode.valueOf(1), null, "w", null, null, null))).as("another client's id").isNull();

        assertThat(dropped).hasValue(1);
    }

    @Test
    void aResultNobodyWaitsForIsDropped() {
        PendingTasks pending = pending(Duration.ZERO);
        PendingTask<Integer> square = register(pending, "square");

        assertThat(pending.complete(new ResultMessage("other-" + square.sequence(), ResultMessage.Status.SUCCESS,
                IntNode.valueOf(1), null, "w", null, null, null))).as("another client's id").isNull();
        assertThat(pending.complete(new ResultMessage("c-99", ResultMessage.Status.SUCCESS, IntNode.valueOf(1), null, "w",
                null, null, null))).as("never submitted").isNull();

        assertThat(pending.size()).isEqualTo(1);
        assertThat(square).isNotDone();
        assertThat(callbackThread).isEmpty();
    }

    @Test
    void aFailedTaskRunsItsErrorCallbackOnceAndItsLateResultIsDropped() {
        PendingTasks pending = pending(Duration.ZERO);
        PendingTask<Integer> square = register(pending, "square");

        pending.fail(square, new KpoolException("could not be sent"));
        pending.fail(square, new KpoolException("again"));

        assertThat(pending.complete(success(square, 9))).isNull();
        runCallbacks();
        assertThat(calls).containsExactly("square failed: could not be sent");
        assertThat(square).isCompletedExceptionally();
    }

    @Test
    void aWithdrawnTaskLeavesWithoutACallback() {
        PendingTasks pending = pending(Duration.ZERO);
        PendingTask<Integer> square = register(pending, "square");

        assertThat(pending.withdraw(square)).isTrue();
        assertThat(pending.withdraw(square)).isFalse();

        assertThat(pending.size()).isZero();
        assertThat(callbackThread).isEmpty();
    }

    @Test
    void aTaskPastTheTaskTimeoutFailsWithTaskTimeoutExceptionWhileYoungerOnesWait() {
        PendingTasks pending = pending(Duration.ofSeconds(1));
        PendingTask<Integer> old = register(pending, "old");
        clock.set(Duration.ofMillis(600).toNanos());
        PendingTask<Integer> young = register(pending, "young");

        clock.set(Duration.ofMillis(999).toNanos());
        pending.expireOverdue();
        assertThat(old).as("not yet due").isNotDone();

        clock.set(Duration.ofMillis(1_200).toNanos());
        pending.expireOverdue();
        assertThat(old).isCompletedExceptionally();
        assertThat(young).isNotDone();
        assertThat(pending.size()).isEqualTo(1);
        runCallbacks();
        assertThat(calls).singleElement().asString().matches("old failed: No result for task 'old' \\(c-[0-9a-f]{8}-0\\).*")
                .contains("task timeout of PT1S");

        clock.set(Duration.ofMillis(1_700).toNanos());
        pending.expireOverdue();
        assertThat(young).isCompletedExceptionally().failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TaskTimeoutException.class);
    }

    @Test
    void withoutATaskTimeoutNoTaskEverExpires() {
        PendingTasks pending = pending(Duration.ZERO);
        PendingTask<Integer> square = register(pending, "square");

        clock.set(Duration.ofDays(400).toNanos());
        pending.expireOverdue();

        assertThat(square).isNotDone();
        assertThat(pending.size()).isEqualTo(1);
    }

    @Test
    void failAllFailsEveryPendingTaskWithItsOwnExceptionAndRunsEachErrorCallbackOnce() {
        PendingTasks pending = pending(Duration.ZERO);
        PendingTask<Integer> done = register(pending, "done");
        PendingTask<Integer> first = register(pending, "first");
        PendingTask<Integer> second = register(pending, "second");
        pending.complete(success(done, 1));

        int failed = pending.failAll(task -> new KpoolException("gave up on " + task.describe()));

        assertThat(failed).isEqualTo(2);
        assertThat(pending.size()).isZero();
        assertThat(List.of(first, second)).allSatisfy(task -> assertThat(task).isCompletedExceptionally());
        assertThat(pending.failAll(task -> new KpoolException("twice"))).isZero();
        runCallbacks();
        assertThat(calls).hasSize(3).contains("done -> 1")
                .anyMatch(call -> call.matches("first failed: gave up on task 'first' \\(c-[0-9a-f]{8}-1\\)"))
                .anyMatch(call -> call.matches("second failed: gave up on task 'second' \\(c-[0-9a-f]{8}-2\\)"));
    }

    @Test
    void onceRefusedNoTaskIsRegisteredAndTheRefusalNamesTheFirstCause() {
        PendingTasks pending = pending(Duration.ZERO);
        PendingTask<Integer> before = register(pending, "before");
        KafkaException cause = new KafkaException("broker gone");

        pending.refuse(new KpoolException("the reply reader failed (" + cause + ")", cause));
        pending.refuse(new KpoolException("a later failure"));

        assertThatThrownBy(() -> register(pending, "after")).isInstanceOf(KpoolException.class)
                .hasMessage("Pool c accepts no more tasks: the reply reader failed (" + cause + ")")
                .hasRootCause(cause);
        assertThat(pending.size()).as("what was pending stays, until failed").isEqualTo(1);
        assertThat(before).isNotDone();
    }

    @Test
    void awaitEmptyReturnsOnceTheLastPendingTaskLeavesWhicheverWayItLeaves() {
        PendingTasks pending = pending(Duration.ZERO);
        PendingTask<Integer> answered = register(pending, "answered");
        PendingTask<Integer> failed = register(pending, "failed");
        CompletableFuture<Boolean> drained = new CompletableFuture<>();
        waiter(() -> drained.complete(pending.awaitEmpty(Duration.ofSeconds(30))), drained);

        pending.complete(success(answered, 1));
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !drained.isDone());

        pending.fail(failed, new KpoolException("gone"));
        assertThat(drained).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(true);
    }

    @Test
    void awaitEmptyAnswersAtOnceWhenNothingIsPendingAndFalseWhenItsTimeoutPasses() throws InterruptedException {
        PendingTasks pending = pending(Duration.ZERO);
        assertThat(pending.awaitEmpty(Duration.ZERO)).isTrue();

        register(pending, "square");
        assertThat(pending.awaitEmpty(Duration.ofMillis(50))).isFalse();
    }

    @Test
    void aThreadWaitingForThePendingTasksCanBeInterrupted() {
        PendingTasks pending = pending(Duration.ZERO);
        register(pending, "square");
        CompletableFuture<Boolean> drained = new CompletableFuture<>();
        Thread waiter = waiter(() -> drained.complete(pending.awaitEmpty(Duration.ofSeconds(30))), drained);
        await().atMost(Duration.ofSeconds(5)).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);

        waiter.interrupt();

        assertThat(drained).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(InterruptedException.class);
    }

    /** Something that waits. */
    private interface Wait {
        void run() throws InterruptedException;
    }

    private static Thread waiter(Wait wait, CompletableFuture<?> outcome) {
        Thread thread = new Thread(() -> {
            try {
                wait.run();
            } catch (InterruptedException e) {
                outcome.completeExceptionally(e);
            }
        }, "pending-tasks-waiter");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
