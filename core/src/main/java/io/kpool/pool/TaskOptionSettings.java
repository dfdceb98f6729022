package io.kpool.pool;

import static io.kpool.pool.PoolSettingsCheck.require;

import io.kpool.core.KpoolConfig;
import io.kpool.core.KpoolSettings;
import java.time.Duration;
import java.util.List;

/**
 * Reads the {@code kpool.pool.task.*} settings into {@link TaskOptions}: a worker's defaults (every retry
 * option set, unset keys at their defaults) and a client's (only the keys its settings set, so a key left
 * alone keeps the worker's value).
 */
final class TaskOptionSettings {
    private static final List<String> BACKOFF_KEYS = List.of(KpoolConfig.POOL_TASK_RETRY_BACKOFF_MS,
            KpoolConfig.POOL_TASK_RETRY_BACKOFF_MULTIPLIER, KpoolConfig.POOL_TASK_RETRY_BACKOFF_MAX_MS,
            KpoolConfig.POOL_TASK_RETRY_JITTER);

    private TaskOptionSettings() {
    }

    /** @return a worker's retry defaults: retries, backoff, retryOn and noRetryOn, each from its setting or default */
    static TaskOptions worker(KpoolSettings settings) {
        return TaskOptions.defaults()
                .retries((Integer) settings.get(KpoolConfig.POOL_TASK_RETRIES))
                .backoff(backoff(settings))
                .retryOn(names(settings, KpoolConfig.POOL_TASK_RETRY_ON))
                .noRetryOn(names(settings, KpoolConfig.POOL_TASK_NO_RETRY_ON));
    }

    /**
     * A client's task defaults: the retry options and time limit its settings set explicitly. The backoff
     * travels whole: one backoff key set sends all four, the others at their defaults. A time limit of 0 (no
     * limit) sends nothing, since a task's own limit can only shorten the worker's. The expiry is not here:
     * it is {@link PoolClientOptions#taskExpires()}.
     */
    static TaskOptions client(KpoolSettings settings) {
        TaskOptions options = TaskOptions.defaults();
        if (settings.isSet(KpoolConfig.POOL_TASK_RETRIES)) {
            options = options.retries((Integer) settings.get(KpoolConfig.POOL_TASK_RETRIES));
        }
        if (BACKOFF_KEYS.stream().anyMatch(settings::isSet)) {
            options = options.backoff(backoff(settings));
        }
        if (settings.isSet(KpoolConfig.POOL_TASK_RETRY_ON)) {
            options = options.retryOn(names(settings, KpoolConfig.POOL_TASK_RETRY_ON));
        }
        if (settings.isSet(KpoolConfig.POOL_TASK_NO_RETRY_ON)) {
            options = options.noRetryOn(names(settings, KpoolConfig.POOL_TASK_NO_RETRY_ON));
        }
        long timeLimit = (Long) settings.get(KpoolConfig.POOL_TASK_TIME_LIMIT_MS);
        if (settings.isSet(KpoolConfig.POOL_TASK_TIME_LIMIT_MS) && timeLimit > 0) {
            options = options.timeLimit(Duration.ofMillis(timeLimit));
        }
        return options;
    }

    private static RetryBackoff backoff(KpoolSettings settings) {
        long initial = (Long) settings.get(KpoolConfig.POOL_TASK_RETRY_BACKOFF_MS);
        long max = (Long) settings.get(KpoolConfig.POOL_TASK_RETRY_BACKOFF_MAX_MS);
        require(max >= initial, KpoolConfig.POOL_TASK_RETRY_BACKOFF_MAX_MS, "must be at least " + KpoolConfig.POOL_TASK_RETRY_BACKOFF_MS
                + " (" + initial + ")", max);
        return new RetryBackoff(Duration.ofMillis(initial), (Double) settings.get(KpoolConfig.POOL_TASK_RETRY_BACKOFF_MULTIPLIER),
                Duration.ofMillis(max), (Double) settings.get(KpoolConfig.POOL_TASK_RETRY_JITTER));
    }

    @SuppressWarnings("unchecked")
    private static String[] names(KpoolSettings settings, String key) {
        return ((List<String>) settings.get(key)).toArray(String[]::new);
    }
}
