package io.kpool.pool;

import static io.kpool.pool.PoolSettingsCheck.require;

import io.kpool.core.ConnectionOptions;
import io.kpool.core.DeliveryMode;
import io.kpool.core.DeliveryOptions;
import io.kpool.core.DeliveryGuarantee;
import io.kpool.core.KpoolConfig;
import io.kpool.core.KpoolConfigException;
import io.kpool.core.KpoolSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable settings of a {@link PoolWorker}. Build from loaded {@link KpoolSettings} with
 * {@link #from(KpoolSettings, String)}, or by hand with {@link #builder()}.
 *
 * @param tasksTopic where tasks are taken from
 * @param callbackTopic where results are published (unless a task names its own reply topic)
 * @param group the workers' consumer group
 * @param tasksPartitions partitions of the tasks topic when kpool creates it
 * @param callbackPartitions partitions of the callback topic when kpool creates it
 * @param processes worker threads; 0 for one per core
 * @param bufferSize tasks fetched ahead of the threads
 * @param revokeWait on a rebalance, how long running tasks' results may take to be stored before their partitions go
 * @param maxBatchTasks the most tasks run from one task-batch record; a larger batch's tasks all fail
 * @param taskTimeLimit how long a task may run before its thread is interrupted and it fails; zero for no limit
 * @param retryDefaults the retry options of tasks that set none of their own: retries, backoff, retryOn and
 *     noRetryOn all set
 * @param delivery consumer group or share group ({@link KpoolConfig#POOL_MODE}), and a share group's settings
 * @param guarantee at-least-once, or exactly-once: results and their tasks' offsets commit in one transaction
 * @param transactionInterval in exactly-once mode, the least time between the starts of two transactions
 * @param transactionMaxRecords in exactly-once mode, staged records that start a transaction before the interval is up
 * @param stateTopic the compacted topic the worker records task states on; empty for none
 * @param resultExpires how long task states are kept: the state topic's retention when kpool creates it
 * @param connection where to connect and this worker's name (in logs and results; in exactly-once mode also
 *     the worker's transactional identity: a restarted worker of the same name fences its dead predecessor)
 */
public record PoolWorkerOptions(String tasksTopic, String callbackTopic, String group, int tasksPartitions,
                                int callbackPartitions, int processes, int bufferSize, Duration revokeWait,
                                int maxBatchTasks, Duration taskTimeLimit, TaskOptions retryDefaults, DeliveryOptions delivery,
                                DeliveryGuarantee guarantee, Duration transactionInterval, int transactionMaxRecords, String stateTopic,
                                Duration resultExpires, ConnectionOptions connection) {

    /** Validates every field; the message names the setting. */
    public PoolWorkerOptions {
        PoolSettingsCheck.topics(tasksTopic, callbackTopic, tasksPartitions, callbackPartitions);
        require(group != null && !group.isBlank(), KpoolConfig.POOL_GROUP, "must not be empty", group);
        require(processes >= 0, KpoolConfig.POOL_PROCESSES, "must be 0 (one per core) or more", processes);
        require(bufferSize >= 1, KpoolConfig.POOL_BUFFER_SIZE, "must be at least 1", bufferSize);
        require(revokeWait != null && !revokeWait.isNegative(), KpoolConfig.POOL_REVOKE_WAIT_MS, "must be zero or more", revokeWait);
        require(maxBatchTasks >= 1, KpoolConfig.POOL_MAX_BATCH_TASKS, "must be at least 1", maxBatchTasks);
        require(taskTimeLimit != null && !taskTimeLimit.isNegative(), KpoolConfig.POOL_TASK_TIME_LIMIT_MS, "must be zero or more",
                taskTimeLimit);
        require(retryDefaults != null && retryDefaults.retries().isPresent() && retryDefaults.backoff().isPresent()
                && retryDefaults.retryOn().isPresent() && retryDefaults.noRetryOn().isPresent(), KpoolConfig.POOL_TASK_RETRIES,
                "retry defaults must set retries, backoff, retryOn and noRetryOn", retryDefaults);
        Objects.requireNonNull(delivery, "delivery");
        require(guarantee != null, KpoolConfig.POOL_DELIVERY, "must be at-least-once or exactly-once", guarantee);
        require(transactionInterval != null && transactionInterval.toMillis() >= 1, KpoolConfig.TRANSACTION_INTERVAL_MS,
                "must be at least 1 ms", transactionInterval);
        require(transactionMaxRecords >= 1, KpoolConfig.TRANSACTION_MAX_RECORDS, "must be at least 1", transactionMaxRecords);
        require(!(delivery.isShare() && guarantee == DeliveryGuarantee.EXACTLY_ONCE), KpoolConfig.POOL_DELIVERY,
                "exactly-once needs a consumer group (" + KpoolConfig.POOL_MODE + "=group): a share group has no offsets to commit"
                        + " in a transaction", guarantee);
        PoolSettingsCheck.stateTopic(stateTopic, tasksTopic, callbackTopic);
        require(resultExpires != null && resultExpires.toMillis() >= 1, KpoolConfig.POOL_RESULT_EXPIRES_MS, "must be at least 1 ms",
                resultExpires);
        Objects.requireNonNull(connection, "connection");
    }

    /**
     * @param settings loaded configuration
     * @param clientId names this worker; null or blank for a generated one
     * @return the options
     */
    public static PoolWorkerOptions from(KpoolSettings settings, String clientId) {
        return new PoolWorkerOptions(
                (String) settings.get(KpoolConfig.POOL_TASKS_TOPIC),
                (String) settings.get(KpoolConfig.POOL_CALLBACK_TOPIC),
                (String) settings.get(KpoolConfig.POOL_GROUP),
                (Integer) settings.get(KpoolConfig.POOL_TASKS_PARTITIONS),
                (Integer) settings.get(KpoolConfig.POOL_CALLBACK_PARTITIONS),
                (Integer) settings.get(KpoolConfig.POOL_PROCESSES),
                (Integer) settings.get(KpoolConfig.POOL_BUFFER_SIZE),
                Duration.ofMillis((Long) settings.get(KpoolConfig.POOL_REVOKE_WAIT_MS)),
                (Integer) settings.get(KpoolConfig.POOL_MAX_BATCH_TASKS),
                Duration.ofMillis((Long) settings.get(KpoolConfig.POOL_TASK_TIME_LIMIT_MS)),
                TaskOptionSettings.worker(settings),
                DeliveryOptions.from(settings, KpoolConfig.POOL_MODE),
                DeliveryGuarantee.fromSetting(KpoolConfig.POOL_DELIVERY, (String) settings.get(KpoolConfig.POOL_DELIVERY)),
                Duration.ofMillis((Long) settings.get(KpoolConfig.TRANSACTION_INTERVAL_MS)),
                (Integer) settings.get(KpoolConfig.TRANSACTION_MAX_RECORDS),
                (String) settings.get(KpoolConfig.POOL_STATE_TOPIC),
                Duration.ofMillis((Long) settings.get(KpoolConfig.POOL_RESULT_EXPIRES_MS)),
                ConnectionOptions.from(settings, clientId, "worker"));
    }

    /** @return a builder holding every default and {@code localhost:9092} */
    public static Builder builder() {
        return new Builder(from(KpoolSettings.load(null, Map.of(), Map.of()), null));
    }

    /** @return a builder starting from these options */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return this worker's name */
    public String clientId() {
        return connection.clientId();
    }

    /** @return the worker threads to run: {@link #processes()}, or the number of cores if that is 0 */
    public int effectiveProcesses() {
        return processes > 0 ? processes : Runtime.getRuntime().availableProcessors();
    }

    /** Builds {@link PoolWorkerOptions}; validation happens in {@link #build()}. */
    public static final class Builder extends PoolTopicsBuilder<Builder> {
        private String group;
        private int processes;
        private int bufferSize;
        private Duration revokeWait;
        private int maxBatchTasks;
        private Duration taskTimeLimit;
        private TaskOptions retryDefaults;
        private DeliveryOptions delivery;
        private DeliveryGuarantee guarantee;
        private Duration transactionInterval;
        private int transactionMaxRecords;
        private Duration resultExpires;

        private Builder(PoolWorkerOptions from) {
            super(from.connection, from.tasksTopic, from.callbackTopic, from.tasksPartitions, from.callbackPartitions, from.stateTopic);
            resultExpires = from.resultExpires;
            group = from.group;
            processes = from.processes;
            bufferSize = from.bufferSize;
            revokeWait = from.revokeWait;
            maxBatchTasks = from.maxBatchTasks;
            taskTimeLimit = from.taskTimeLimit;
            retryDefaults = from.retryDefaults;
            delivery = from.delivery;
            guarantee = from.guarantee;
            transactionInterval = from.transactionInterval;
            transactionMaxRecords = from.transactionMaxRecords;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** @param value the workers' group @return this */
        public Builder group(String value) { group = value; return this; }

        /** @param value worker threads; 0 for one per core @return this */
        public Builder processes(int value) { processes = value; return this; }

        /** @param value tasks fetched ahead of the threads @return this */
        public Builder bufferSize(int value) { bufferSize = value; return this; }

        /** @param value how long a rebalance waits for running tasks @return this */
        public Builder revokeWait(Duration value) { revokeWait = value; return this; }

        /** @param value the most tasks run from one task-batch record @return this */
        public Builder maxBatchTasks(int value) { maxBatchTasks = value; return this; }

        /** @param value how long a task may run before it is interrupted; zero for no limit @return this */
        public Builder taskTimeLimit(Duration value) { taskTimeLimit = value; return this; }

        /**
         * @param value retry options for tasks that set none of their own; only the options it sets (retries,
         *     backoff, retryOn, noRetryOn) replace the current ones
         * @return this
         */
        public Builder retryDefaults(TaskOptions value) {
            retryDefaults = retryDefaults.overriddenBy(value);
            return this;
        }

        /** @param value consumer group or share group @return this */
        public Builder mode(DeliveryMode value) { delivery = delivery.withMode(value); return this; }

        /** @param value the delivery mode and a share group's settings @return this */
        public Builder delivery(DeliveryOptions value) { delivery = value; return this; }

        /** @param value at-least-once or exactly-once results @return this */
        public Builder guarantee(DeliveryGuarantee value) { guarantee = value; return this; }

        /** @param value in exactly-once mode, the least time between the starts of two transactions @return this */
        public Builder transactionInterval(Duration value) { transactionInterval = value; return this; }

        /** @param value in exactly-once mode, staged records that start a transaction before the interval is up @return this */
        public Builder transactionMaxRecords(int value) { transactionMaxRecords = value; return this; }

        /** @param value how long task states are kept (the state topic's retention if kpool creates it) @return this */
        public Builder resultExpires(Duration value) { resultExpires = value; return this; }

        /** @return validated options @throws KpoolConfigException naming a bad setting */
        public PoolWorkerOptions build() {
            return new PoolWorkerOptions(tasksTopic, callbackTopic, group, tasksPartitions, callbackPartitions, processes,
                    bufferSize, revokeWait, maxBatchTasks, taskTimeLimit, retryDefaults, delivery, guarantee, transactionInterval,
                    transactionMaxRecords,
                    stateTopic, resultExpires, connection());
        }
    }
}
