package io.kpool.pool.internal.client;

import io.kpool.core.KpoolException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool client's life after {@code close()}: open (taking tasks), closed (no more submissions, its pending
 * tasks still answered), released (sender, reply reader, producer and callback thread stopped). Python's
 * {@code close}, {@code join} and {@code terminate}.
 */
final class ClientShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(ClientShutdown.class);
    /** How often a waiting {@link #join()} logs how many tasks are still pending. */
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    private enum State { OPEN, CLOSED, RELEASED }

    private final String clientId;
    private final PendingTasks pending;
    private final ClientThreads threads;
    private final ExecutorService callbacks;
    private volatile State state = State.OPEN;

    /**
     * @param clientId the client, for its log lines and messages
     * @param pending its pending tasks
     * @param threads its threads and Kafka clients, stopped on release
     * @param callbacks its callback thread, drained before release
     */
    ClientShutdown(String clientId, PendingTasks pending, ClientThreads threads, ExecutorService callbacks) {
        this.clientId = clientId;
        this.pending = pending;
        this.threads = threads;
        this.callbacks = callbacks;
    }

    /** @return true until {@link #close()} */
    boolean isOpen() {
        return state == State.OPEN;
    }

    /** No more submissions; once the last pending result (and callback) is in, the connections go. */
    synchronized void close() {
        if (state == State.OPEN) {
            state = State.CLOSED;
            LOG.info("{} closed: no more submissions; {} task(s) pending", clientId, pending.size());
            ClientThreads.daemon(() -> awaitPendingThenRelease(false), "kpool-closing-" + clientId).start();
        }
    }

    /** Waits for every pending task and its callback, then releases; only after {@link #close()}. */
    void join() {
        if (state == State.OPEN) {
            throw new IllegalStateException("Pool " + clientId + " is still open: call close() or terminate() before join()");
        }
        awaitPendingThenRelease(true);
    }

    /** Closes, fails every pending task and releases at once. */
    void terminate() {
        close();
        if (state == State.RELEASED) {
            return;
        }
        int abandoned = pending.failAll(task -> new KpoolException("Pool " + clientId + " was terminated before "
                + task.describe() + " finished"));
        if (abandoned > 0) {
            LOG.warn("{} terminated with {} task(s) pending", clientId, abandoned);
        }
        release();
    }

    /** Waits until no task is pending (logging progress if {@code report}), then for their callbacks, then releases. */
    private void awaitPendingThenRelease(boolean report) {
        try {
            while (state != State.RELEASED && !pending.awaitEmpty(PROGRESS_INTERVAL)) {
                if (report) {
                    LOG.info("{} joining: {} task(s) still pending", clientId, pending.size());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpoolException("Interrupted while joining the pool " + clientId, e);
        }
        drainCallbacks();
        release();
    }

    private void drainCallbacks() {
        try {
            CompletableFuture.runAsync(() -> { }, callbacks).join();
        } catch (RejectedExecutionException e) {
            // released meanwhile (terminate, or a concurrent join): nothing left to run
        }
    }

    private synchronized void release() {
        if (state == State.RELEASED) {
            return;
        }
        state = State.RELEASED;
        threads.stop();
        LOG.info("{} released", clientId);
    }
}
