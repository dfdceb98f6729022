package io.kpool.pool.internal.wire;

import io.kpool.core.ConnectionOptions;
import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.core.internal.kafka.Topics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;

/** The pool's topics, which clients and workers alike create if they do not exist (workers the state topic). */
public final class PoolTopics {
    private PoolTopics() {
    }

    /**
     * Creates the tasks and callback topics unless they exist (existing ones are left as they are).
     *
     * @param connection where to connect; its replication factor applies to created topics
     * @param tasksTopic the tasks topic
     * @param tasksPartitions its partitions if created
     * @param callbackTopic the callback topic
     * @param callbackPartitions its partitions if created
     */
    public static void ensure(ConnectionOptions connection, String tasksTopic, int tasksPartitions, String callbackTopic,
                              int callbackPartitions) {
        Admin admin = KafkaClients.admin(connection);
        try {
            Topics.ensure(admin, tasksTopic, tasksPartitions, connection.replicationFactor());
            Topics.ensure(admin, callbackTopic, callbackPartitions, connection.replicationFactor());
        } finally {
            admin.close(KafkaClients.ADMIN_CLOSE_TIMEOUT);
        }
    }

    /**
     * Creates the delay tier topics of a tasks topic unless they exist.
     *
     * @param connection where to connect; its replication factor applies to created topics
     * @param tasksTopic the tasks topic
     * @param partitions partitions of each tier topic if created (the tasks topic's: workers share them)
     */
    public static void ensureRetryTiers(ConnectionOptions connection, String tasksTopic, int partitions) {
        Admin admin = KafkaClients.admin(connection);
        try {
            for (String tier : RetryTiers.topics(tasksTopic)) {
                Topics.ensure(admin, tier, partitions, connection.replicationFactor());
            }
        } finally {
            admin.close(KafkaClients.ADMIN_CLOSE_TIMEOUT);
        }
    }

    /**
     * Creates the task state topic unless it exists: compacted (the latest state per task id) and deleted after
     * {@code retention} (Celery's {@code result_expires}).
     *
     * @param connection where to connect; its replication factor applies if created
     * @param stateTopic the state topic
     * @param partitions its partitions if created
     * @param retention how long states are kept
     */
    public static void ensureStateTopic(ConnectionOptions connection, String stateTopic, int partitions, Duration retention) {
        Admin admin = KafkaClients.admin(connection);
        try {
            Topics.ensure(admin, stateTopic, partitions, connection.replicationFactor(), Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())));
        } finally {
            admin.close(KafkaClients.ADMIN_CLOSE_TIMEOUT);
        }
    }

    /**
     * @param tasksTopic the tasks topic
     * @return the workers' control topic: inspect requests to every live worker, and their replies
     */
    public static String controlTopic(String tasksTopic) {
        return tasksTopic + ".control";
    }

    /**
     * Creates the control topic unless it exists: one partition, its records kept an hour.
     *
     * @param connection where to connect; its replication factor applies if created
     * @param tasksTopic the tasks topic whose control topic it is
     */
    public static void ensureControlTopic(ConnectionOptions connection, String tasksTopic) {
        Admin admin = KafkaClients.admin(connection);
        try {
            Topics.ensure(admin, controlTopic(tasksTopic), 1, connection.replicationFactor(),
                    Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis())));
        } finally {
            admin.close(KafkaClients.ADMIN_CLOSE_TIMEOUT);
        }
    }

    /**
     * @param tasksTopic the tasks topic
     * @return where a worker dead-letters task records it cannot read
     */
    public static String deadLetterTopic(String tasksTopic) {
        return tasksTopic + ".DLT";
    }
}
