package io.kpool.pool;

import io.kpool.pool.internal.client.WorkerInspector;
import java.time.Duration;
import java.util.List;

/** Asks the live pool workers about themselves, over their control topic ({@code <tasks topic>.control}). */
public final class PoolWorkers {
    private PoolWorkers() {
    }

    /**
     * Sends one inspect request to every worker and collects the answers of those that are members of the
     * workers' group now (Celery's {@code inspect}).
     *
     * @param options where to connect and the tasks topic
     * @param group the workers' consumer group
     * @param timeout how long to collect answers
     * @return the live workers that answered, by name
     * @throws io.kpool.core.KpoolException if the broker cannot be reached
     */
    public static List<WorkerInfo> inspect(PoolClientOptions options, String group, Duration timeout) {
        return WorkerInspector.inspect(options, group, timeout);
    }
}
