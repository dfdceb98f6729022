package io.kpool.pool.internal.client;

import com.fasterxml.jackson.databind.JavaType;
import io.kpool.core.KpoolException;
import io.kpool.core.RecordText;
import io.kpool.pool.internal.wire.ResultMessage;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of a pool client's submitted tasks that have no result yet, by sequence number. Each
 * task leaves exactly once — completed by its result, failed, timed out or failed with all the others —
 * and its one callback then runs on the callback thread. {@link #awaitEmpty} waits until none is left.
 * Once the client can no longer send tasks or read results, it {@link #refuse refuses} new ones.
 */
final class PendingTasks {
    private static final Logger LOG = LoggerFactory.getLogger(PendingTasks.class);

    private final Map<Long, PendingTask<?>> tasks = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final TaskIds ids;
    private final String clientId;
    private final TaskDeadlines deadlines;
    private final CallbackDispatcher callbacks;
    private final EmptySignal emptied = new EmptySignal();
    private final AtomicReference<KpoolException> refusal = new AtomicReference<>();
    private final Runnable dropped;

    /**
     * @param clientId the client whose tasks these are
     * @param taskTimeout how long a task may wait for its result; zero waits forever
     * @param callbacks the callback thread
     * @param nanoClock {@code System::nanoTime}, or a test's clock
     */
    PendingTasks(String clientId, Duration taskTimeout, Executor callbacks, LongSupplier nanoClock) {
        this(clientId, taskTimeout, callbacks, nanoClock, () -> { });
    }

    /**
     * @param clientId the client whose tasks these are
     * @param taskTimeout how long a task may wait for its result; zero waits forever
     * @param callbacks the callback thread
     * @param nanoClock {@code System::nanoTime}, or a test's clock
     * @param dropped told of each result of this client's own tasks that came when the task no longer waited (a
     *     second answer of a task that ran twice, or one after its timeout)
     */
    PendingTasks(String clientId, Duration taskTimeout, Executor callbacks, LongSupplier nanoClock, Runnable dropped) {
        this.dropped = dropped;
        this.ids = new TaskIds(clientId);
        this.clientId = clientId;
        this.deadlines = new TaskDeadlines(taskTimeout, nanoClock);
        this.callbacks = new CallbackDispatcher(clientId, callbacks);
    }

    /**
     * Registers a task under the next sequence number, before it is sent: no result can outrun it.
     *
     * @return the pending task, to send and to hand to its caller
     * @throws KpoolException naming the cause once new tasks are {@link #refuse refused}
     */
    <R> PendingTask<R> register(String task, JavaType type, Consumer<? super R> callback,
                                Consumer<? super KpoolException> errorCallback) {
        throwIfRefused();
        long seq = sequence.getAndIncrement();
        PendingTask<R> pending = new PendingTask<>(ids, seq, task, type, callback, errorCallback, deadlines.deadlineFromNow());
        tasks.put(seq, pending);
        if (refusal.get() != null && withdraw(pending)) { // refused meanwhile, and a failAll after it missed this task
            throwIfRefused();
        }
        return pending;
    }

    /**
     * Removes a task that was never submitted (its caller gets the exception instead): no callback runs.
     *
     * @return true if it was still pending
     */
    boolean withdraw(PendingTask<?> task) {
        return remove(task.sequence()) != null;
    }

    /**
     * Completes the task a result belongs to and hands its callback to the callback thread.
     *
     * @return the task, or null if the result is not one this client waits for (answered, timed out, another client's)
     */
    PendingTask<?> complete(ResultMessage result) {
        long seq = ids.sequenceOf(result.id());
        if (result.status() == ResultMessage.Status.RETRY) {
            PendingTask<?> retrying = seq < 0 ? null : tasks.get(seq);
            if (retrying != null && result.retries() != null) {
                retrying.retrying(result.retries().attempts());
                LOG.debug("{}: {} attempt {} failed; next attempt at {}", clientId, retrying.describe(), result.retries().attempts(),
                        RecordText.forLog(result.retries().retryAt()));
            }
            return null; // not its result: the task stays pending, its callback waits for the final outcome
        }
        PendingTask<?> task = seq < 0 ? null : remove(seq);
        if (task == null) {
            if (seq >= 0) {
                dropped.run();
            }
            LOG.debug("{}: result for task {} dropped: already answered, timed out or not ours", clientId,
                    RecordText.forLog(result.id()));
            return null;
        }
        callbacks.dispatch(task.resolve(result));
        return task;
    }

    /** Fails one task, if still pending, and hands its error callback to the callback thread. */
    void fail(PendingTask<?> task, KpoolException failure) {
        if (remove(task.sequence()) != null) {
            callbacks.dispatch(task.fail(failure));
        }
    }

    /**
     * Fails every task pending now, each with its own exception.
     *
     * @return how many were failed
     */
    int failAll(Function<PendingTask<?>, KpoolException> failure) {
        int failed = 0;
        for (Long seq : tasks.keySet()) {
            PendingTask<?> task = remove(seq);
            if (task != null) {
                callbacks.dispatch(task.fail(failure.apply(task)));
                failed++;
            }
        }
        return failed;
    }

    /**
     * From now on {@link #register} throws, naming {@code cause} (the first one given is kept). To fail the tasks
     * already pending too, call {@link #failAll} after this: a task registered meanwhile is then failed or refused.
     */
    void refuse(KpoolException cause) {
        refusal.compareAndSet(null, cause);
    }

    /** Fails the tasks past the task timeout; checks at most every 200 ms. Called by the reply thread only. */
    void expireOverdue() {
        if (!deadlines.checkDue()) {
            return;
        }
        long now = deadlines.checkedAt();
        for (PendingTask<?> task : tasks.values()) {
            if (task.expired(now) && remove(task.sequence()) != null) {
                LOG.warn("{}: {} timed out after {}; a late result will be dropped", clientId, task.describe(), deadlines.timeout());
                callbacks.dispatch(task.fail(deadlines.timedOut(task.describe())));
            }
        }
    }

    /**
     * Waits until no task is pending.
     *
     * @param timeout the longest to wait
     * @return true if none is, false if {@code timeout} passed first
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean awaitEmpty(Duration timeout) throws InterruptedException {
        return emptied.await(tasks::isEmpty, timeout);
    }

    /** @return how many tasks wait for their result */
    int size() {
        return tasks.size();
    }

    private PendingTask<?> remove(long seq) {
        PendingTask<?> task = tasks.remove(seq);
        if (task != null && tasks.isEmpty()) {
            emptied.signal();
        }
        return task;
    }

    private void throwIfRefused() {
        KpoolException cause = refusal.get();
        if (cause != null) {
            throw new KpoolException("Pool " + clientId + " accepts no more tasks: " + cause.getMessage(), cause);
        }
    }
}
