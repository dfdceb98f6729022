package io.kpool.pool.internal.wire;

import io.kpool.core.ConnectionOptions;
import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.core.internal.kafka.Topics;
import org.apache.kafka.clients.admin.Admin;

/** The pool's two topics, which clients and workers alike create if they do not exist. */
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
     * @param tasksTopic the tasks topic
     * @return where a worker dead-letters task records it cannot read
     */
    public static String deadLetterTopic(String tasksTopic) {
        return tasksTopic + ".DLT";
    }
}
