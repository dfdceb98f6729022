package io.kpool.pool.internal.client;

import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.internal.wire.PoolTopics;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once, when a client opens, asks the workers over the control topic whether any is alive, on a thread of its
 * own; if none answers it warns, once: the client's tasks wait on the tasks topic until a worker starts (or their
 * timeout passes).
 */
final class NoWorkerWarning {
    private static final Logger LOG = LoggerFactory.getLogger(NoWorkerWarning.class);
    /** How long the workers have to answer. */
    static final Duration WAIT = Duration.ofSeconds(3);

    private NoWorkerWarning() {
    }

    /** @param options the client's settings */
    static void checkInBackground(PoolClientOptions options) {
        Thread thread = new Thread(() -> check(options), "kpool-worker-check-" + options.clientId());
        thread.setDaemon(true);
        thread.start();
    }

    private static void check(PoolClientOptions options) {
        try {
            if (WorkerInspector.answers(options, WAIT).isEmpty()) {
                LOG.warn("{}: no live pool worker answered on '{}' within {}: tasks submitted to '{}' wait until a worker starts",
                        options.clientId(), PoolTopics.controlTopic(options.tasksTopic()), WAIT, options.tasksTopic());
            }
        } catch (RuntimeException e) {
            LOG.debug("{}: could not ask whether a pool worker is alive: {}", options.clientId(), e.toString());
        }
    }
}
