package io.kpool.pool;

import static io.kpool.pool.PoolSettingsCheck.require;

import io.kpool.core.ConnectionOptions;
import io.kpool.core.KpoolConfig;
import io.kpool.core.KpoolConfigException;
import io.kpool.core.KpoolSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable settings of a {@link Pool} client. Build from loaded {@link KpoolSettings} with
 * {@link #from(KpoolSettings, String)}, or by hand with {@link #builder()}.
 *
 * @param tasksTopic where tasks are submitted
 * @param callbackTopic where results are published
 * @param tasksPartitions partitions of the tasks topic when kpool creates it
 * @param callbackPartitions partitions of the callback topic when kpool creates it
 * @param replyPartition the callback partition this client reads; -1 to derive it from the client id
 * @param taskTimeout how long the client waits for a result; zero waits forever
 * @param taskExpires how long after submission a task expires unless its call says; zero for the task timeout
 * @param maxTasksPerRecord the most quick tasks the client packs into one record
 * @param taskDefaults options of every task this client sends, each overridden by a call that sets it
 *     ({@link TaskOptions#overriddenBy}); each one it leaves unset is the worker's; no expiry (that is
 *     {@code taskExpires})
 * @param stateTopic the compacted topic of task states {@code Pool.result(id)} reads; empty for none
 * @param connection where to connect and this client's id (in logs, task ids and headers)
 */
public record PoolClientOptions(String tasksTopic, String callbackTopic, int tasksPartitions, int callbackPartitions,
                                int replyPartition, Duration taskTimeout, Duration taskExpires, int maxTasksPerRecord,
                                TaskOptions taskDefaults, String stateTopic, ConnectionOptions connection) {

    /** Validates every field; the message names the setting. */
    public PoolClientOptions {
        PoolSettingsCheck.topics(tasksTopic, callbackTopic, tasksPartitions, callbackPartitions);
        require(replyPartition >= -1, KpoolConfig.POOL_REPLY_PARTITION, "must be -1 or a partition number", replyPartition);
        require(taskTimeout != null && !taskTimeout.isNegative(), KpoolConfig.POOL_TASK_TIMEOUT_MS, "must be zero or more", taskTimeout);
        require(taskExpires != null && !taskExpires.isNegative(), KpoolConfig.POOL_TASK_EXPIRES_MS, "must be zero or more", taskExpires);
        require(maxTasksPerRecord >= 1, KpoolConfig.POOL_MAX_TASKS_PER_RECORD, "must be at least 1", maxTasksPerRecord);
        require(taskDefaults != null && taskDefaults.expires().isEmpty(), KpoolConfig.POOL_TASK_EXPIRES_MS,
                "task defaults must not set expires: the client's default expiry is taskExpires", taskDefaults);
        PoolSettingsCheck.stateTopic(stateTopic, tasksTopic, callbackTopic);
        Objects.requireNonNull(connection, "connection");
    }

    /**
     * @param settings loaded configuration
     * @param clientId names this client; null or blank for a generated one
     * @return the options
     */
    public static PoolClientOptions from(KpoolSettings settings, String clientId) {
        return new PoolClientOptions(
                (String) settings.get(KpoolConfig.POOL_TASKS_TOPIC),
                (String) settings.get(KpoolConfig.POOL_CALLBACK_TOPIC),
                (Integer) settings.get(KpoolConfig.POOL_TASKS_PARTITIONS),
                (Integer) settings.get(KpoolConfig.POOL_CALLBACK_PARTITIONS),
                (Integer) settings.get(KpoolConfig.POOL_REPLY_PARTITION),
                Duration.ofMillis((Long) settings.get(KpoolConfig.POOL_TASK_TIMEOUT_MS)),
                Duration.ofMillis((Long) settings.get(KpoolConfig.POOL_TASK_EXPIRES_MS)),
                (Integer) settings.get(KpoolConfig.POOL_MAX_TASKS_PER_RECORD),
                TaskOptionSettings.client(settings),
                (String) settings.get(KpoolConfig.POOL_STATE_TOPIC),
                ConnectionOptions.from(settings, clientId, "pool"));
    }

    /** @return a builder holding every default and {@code localhost:9092} */
    public static Builder builder() {
        return new Builder(from(KpoolSettings.load(null, Map.of(), Map.of()), null));
    }

    /** @return a builder starting from these options */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return this client's id */
    public String clientId() {
        return connection.clientId();
    }

    /**
     * @param partitionCount how many partitions the callback topic has
     * @return the callback partition this client reads
     * @throws KpoolConfigException if the configured reply partition does not exist
     */
    public int effectiveReplyPartition(int partitionCount) {
        require(replyPartition < partitionCount, KpoolConfig.POOL_REPLY_PARTITION,
                "must be below the callback topic's partition count " + partitionCount, replyPartition);
        return replyPartition >= 0 ? replyPartition : Math.floorMod(clientId().hashCode(), partitionCount);
    }

    /** Builds {@link PoolClientOptions}; validation happens in {@link #build()}. */
    public static final class Builder extends PoolTopicsBuilder<Builder> {
        private int replyPartition;
        private Duration taskTimeout;
        private Duration taskExpires;
        private int maxTasksPerRecord;
        private TaskOptions taskDefaults;

        private Builder(PoolClientOptions from) {
            super(from.connection, from.tasksTopic, from.callbackTopic, from.tasksPartitions, from.callbackPartitions, from.stateTopic);
            replyPartition = from.replyPartition;
            taskTimeout = from.taskTimeout;
            taskExpires = from.taskExpires;
            maxTasksPerRecord = from.maxTasksPerRecord;
            taskDefaults = from.taskDefaults;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** @param value the callback partition to read; -1 derives it from the client id @return this */
        public Builder replyPartition(int value) { replyPartition = value; return this; }

        /** @param value how long the client waits for a result; zero waits forever @return this */
        public Builder taskTimeout(Duration value) { taskTimeout = value; return this; }

        /** @param value how long after submission a task expires unless its call says; zero for the task timeout @return this */
        public Builder taskExpires(Duration value) { taskExpires = value; return this; }

        /** @param value the most quick tasks packed into one record; 1 for one record per task @return this */
        public Builder maxTasksPerRecord(int value) { maxTasksPerRecord = value; return this; }

        /**
         * Celery's task-level defaults for this client: every task it sends, map chunks included, carries them
         * unless its call sets the option itself.
         *
         * @param value options of every task; only the ones it sets replace the current ones (those of the
         *     settings' {@code kpool.pool.task.*} keys, if set); its {@code expires}, if set, becomes the
         *     {@link #taskExpires task expiry}
         * @return this
         */
        public Builder taskDefaults(TaskOptions value) {
            taskDefaults = taskDefaults.overriddenBy(value.withoutExpires());
            value.expires().ifPresent(after -> taskExpires = after);
            return this;
        }

        /** @return validated options @throws KpoolConfigException naming a bad setting */
        public PoolClientOptions build() {
            return new PoolClientOptions(tasksTopic, callbackTopic, tasksPartitions, callbackPartitions, replyPartition,
                    taskTimeout, taskExpires, maxTasksPerRecord, taskDefaults, stateTopic, connection());
        }
    }
}
