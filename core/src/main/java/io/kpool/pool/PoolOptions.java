package io.kpool.pool;

import io.kpool.core.KpoolConfig;
import io.kpool.core.KpoolConfigException;
import io.kpool.core.KpoolSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Immutable settings of a pool client or a pool worker. Build from loaded {@link KpoolSettings} with
 * {@link #from(KpoolSettings, String)}, or by hand with {@link #builder()}.
 *
 * @param tasksTopic where tasks are submitted
 * @param callbackTopic where results are published
 * @param group the workers' consumer group
 * @param tasksPartitions partitions of the tasks topic when kpool creates it
 * @param callbackPartitions partitions of the callback topic when kpool creates it
 * @param replyPartition the callback partition this client reads; -1 to derive it from the client id
 * @param processes a worker's threads; 0 for one per core
 * @param taskTimeout how long a client waits for a result; zero waits forever
 * @param replicationFactor replication factor when kpool creates topics; empty for the broker's default
 * @param bufferSize tasks a worker fetches ahead of its threads
 * @param maxTasksPerRecord the most quick tasks a client packs into one record
 * @param clientId names this client or worker in logs, ids and headers
 * @param kafkaProperties Kafka client properties (bootstrap servers, security...)
 */
public record PoolOptions(String tasksTopic, String callbackTopic, String group, int tasksPartitions,
                          int callbackPartitions, int replyPartition, int processes, Duration taskTimeout,
                          Optional<Short> replicationFactor, int bufferSize, int maxTasksPerRecord, String clientId,
                          Map<String, Object> kafkaProperties) {

    /** Validates every field; the message names the setting. */
    public PoolOptions {
        require(tasksTopic != null && !tasksTopic.isBlank(), KpoolConfig.POOL_TASKS_TOPIC, "must not be empty", tasksTopic);
        require(callbackTopic != null && !callbackTopic.isBlank() && !callbackTopic.equals(tasksTopic),
                KpoolConfig.POOL_CALLBACK_TOPIC, "must be non-empty and differ from the tasks topic", callbackTopic);
        require(group != null && !group.isBlank(), KpoolConfig.POOL_GROUP, "must not be empty", group);
        require(tasksPartitions >= 1, KpoolConfig.POOL_TASKS_PARTITIONS, "must be at least 1", tasksPartitions);
        require(callbackPartitions >= 1, KpoolConfig.POOL_CALLBACK_PARTITIONS, "must be at least 1", callbackPartitions);
        require(replyPartition >= -1, KpoolConfig.POOL_REPLY_PARTITION, "must be -1 or a partition number", replyPartition);
        require(processes >= 0, KpoolConfig.POOL_PROCESSES, "must be 0 (one per core) or more", processes);
        require(taskTimeout != null && !taskTimeout.isNegative(), KpoolConfig.POOL_TASK_TIMEOUT_MS, "must be zero or more", taskTimeout);
        require(bufferSize >= 1, KpoolConfig.QUEUE_BUFFER_SIZE, "must be at least 1", bufferSize);
        require(maxTasksPerRecord >= 1, KpoolConfig.POOL_MAX_TASKS_PER_RECORD, "must be at least 1", maxTasksPerRecord);
        require(clientId != null && !clientId.isBlank(), "clientId", "must not be empty", clientId);
        Objects.requireNonNull(replicationFactor, "replicationFactor");
        kafkaProperties = Map.copyOf(Objects.requireNonNull(kafkaProperties, "kafkaProperties"));
        require(kafkaProperties.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG), ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "is required (set KAFKA_BOOTSTRAP_SERVERS, e.g. localhost:9092)", null);
    }

    /**
     * @param settings loaded configuration
     * @param clientId names this client or worker; null or blank for a generated one
     * @return the options
     */
    public static PoolOptions from(KpoolSettings settings, String clientId) {
        short replication = (Short) settings.get(KpoolConfig.REPLICATION_FACTOR);
        return new PoolOptions(
                (String) settings.get(KpoolConfig.POOL_TASKS_TOPIC),
                (String) settings.get(KpoolConfig.POOL_CALLBACK_TOPIC),
                (String) settings.get(KpoolConfig.POOL_GROUP),
                (Integer) settings.get(KpoolConfig.POOL_TASKS_PARTITIONS),
                (Integer) settings.get(KpoolConfig.POOL_CALLBACK_PARTITIONS),
                (Integer) settings.get(KpoolConfig.POOL_REPLY_PARTITION),
                (Integer) settings.get(KpoolConfig.POOL_PROCESSES),
                Duration.ofMillis((Long) settings.get(KpoolConfig.POOL_TASK_TIMEOUT_MS)),
                replication > 0 ? Optional.of(replication) : Optional.empty(),
                (Integer) settings.get(KpoolConfig.QUEUE_BUFFER_SIZE),
                (Integer) settings.get(KpoolConfig.POOL_MAX_TASKS_PER_RECORD),
                clientId == null || clientId.isBlank() ? "pool-" + UUID.randomUUID().toString().substring(0, 8) : clientId,
                settings.kafkaProperties());
    }

    /** @return a builder holding every default and {@code localhost:9092} */
    public static Builder builder() {
        return new Builder(from(KpoolSettings.load(null, Map.of(), Map.of()), null));
    }

    /** @return a builder starting from these options */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** @return the worker threads to run: {@link #processes()}, or the number of cores if that is 0 */
    public int effectiveProcesses() {
        return processes > 0 ? processes : Runtime.getRuntime().availableProcessors();
    }

    /**
     * @param partitionCount how many partitions the callback topic has
     * @return the callback partition this client reads
     * @throws KpoolConfigException if the configured reply partition does not exist
     */
    public int effectiveReplyPartition(int partitionCount) {
        require(replyPartition < partitionCount, KpoolConfig.POOL_REPLY_PARTITION,
                "must be below the callback topic's partition count " + partitionCount, replyPartition);
        return replyPartition >= 0 ? replyPartition : Math.floorMod(clientId.hashCode(), partitionCount);
    }

    private static void require(boolean ok, String key, String rule, Object value) {
        if (!ok) {
            throw new KpoolConfigException(key + " " + rule + (value == null ? "" : ", got '" + value + "'"));
        }
    }

    /** Builds {@link PoolOptions}; validation happens in {@link #build()}. */
    public static final class Builder {
        private String tasksTopic;
        private String callbackTopic;
        private String group;
        private int tasksPartitions;
        private int callbackPartitions;
        private int replyPartition;
        private int processes;
        private Duration taskTimeout;
        private Optional<Short> replicationFactor;
        private int bufferSize;
        private int maxTasksPerRecord;
        private String clientId;
        private final Map<String, Object> kafkaProperties;

        private Builder(PoolOptions from) {
            tasksTopic = from.tasksTopic;
            callbackTopic = from.callbackTopic;
            group = from.group;
            tasksPartitions = from.tasksPartitions;
            callbackPartitions = from.callbackPartitions;
            replyPartition = from.replyPartition;
            processes = from.processes;
            taskTimeout = from.taskTimeout;
            replicationFactor = from.replicationFactor;
            bufferSize = from.bufferSize;
            maxTasksPerRecord = from.maxTasksPerRecord;
            clientId = from.clientId;
            kafkaProperties = new TreeMap<>(from.kafkaProperties);
        }

        /** @param value the tasks topic @return this */
        public Builder tasksTopic(String value) { tasksTopic = value; return this; }

        /** @param value the callback topic @return this */
        public Builder callbackTopic(String value) { callbackTopic = value; return this; }

        /** @param value the workers' group @return this */
        public Builder group(String value) { group = value; return this; }

        /** @param value partitions of the tasks topic if created @return this */
        public Builder tasksPartitions(int value) { tasksPartitions = value; return this; }

        /** @param value partitions of the callback topic if created @return this */
        public Builder callbackPartitions(int value) { callbackPartitions = value; return this; }

        /** @param value the callback partition to read; -1 derives it from the client id @return this */
        public Builder replyPartition(int value) { replyPartition = value; return this; }

        /** @param value worker threads; 0 for one per core @return this */
        public Builder processes(int value) { processes = value; return this; }

        /** @param value how long a client waits for a result; zero waits forever @return this */
        public Builder taskTimeout(Duration value) { taskTimeout = value; return this; }

        /** @param value tasks a worker fetches ahead @return this */
        public Builder bufferSize(int value) { bufferSize = value; return this; }

        /** @param value the most quick tasks packed into one record; 1 for one record per task @return this */
        public Builder maxTasksPerRecord(int value) { maxTasksPerRecord = value; return this; }

        /** @param value names this client or worker @return this */
        public Builder clientId(String value) { clientId = value; return this; }

        /** @param value the broker(s) @return this */
        public Builder bootstrapServers(String value) {
            kafkaProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, value);
            return this;
        }

        /** @param key a Kafka client property @param value its value @return this */
        public Builder kafkaProperty(String key, Object value) { kafkaProperties.put(key, value); return this; }

        /** @return validated options @throws KpoolConfigException naming a bad setting */
        public PoolOptions build() {
            return new PoolOptions(tasksTopic, callbackTopic, group, tasksPartitions, callbackPartitions, replyPartition,
                    processes, taskTimeout, replicationFactor, bufferSize, maxTasksPerRecord, clientId, kafkaProperties);
        }
    }
}
