package io.kpool.pool.internal.client;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a pool client's callbacks on its callback thread, one at a time; a callback that throws is logged, the pool goes on. */
final class CallbackDispatcher {
    /** Logs as the pending tasks did before it was split off them: a callback belongs to its task. */
    private static final Logger LOG = LoggerFactory.getLogger(PendingTasks.class);

    private final String clientId;
    private final Executor callbacks;

    /**
     * @param clientId the client whose callbacks these are, for its log lines
     * @param callbacks the callback thread
     */
    CallbackDispatcher(String clientId, Executor callbacks) {
        this.clientId = clientId;
        this.callbacks = callbacks;
    }

    /** @param callback what to run on the callback thread; null: nothing to run */
    void dispatch(Runnable callback) {
        if (callback == null) {
            return;
        }
        try {
            callbacks.execute(() -> {
                try {
                    callback.run();
                } catch (RuntimeException e) {
                    LOG.error("{}: a callback threw; the pool goes on", clientId, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("{}: a callback was not run: the pool's callback thread has stopped", clientId, e);
        }
    }
}
