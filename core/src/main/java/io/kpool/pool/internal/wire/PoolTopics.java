package io.kpool.pool.internal.wire;

import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.core.internal.kafka.Topics;
import io.kpool.pool.PoolOptions;
import io.kpool.queue.QueueOptions;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;

/** The pool's topics: creates them if needed, and maps pool options onto the stream's queue options. */
public final class PoolTopics {
    private PoolTopics() {
    }

    /**
     * Creates the tasks and callback topics unless they exist.
     *
     * @param options the pool's options
     * @return options for the worker's stream of tasks (its dead-letter topic: {@code <tasks topic>.DLT})
     */
    public static QueueOptions ensure(PoolOptions options) {
        QueueOptions tasks = asQueue(options);
        try (Admin admin = KafkaClients.admin(tasks)) {
            Topics.ensure(admin, options.tasksTopic(), options.tasksPartitions(), options.replicationFactor());
            Topics.ensure(admin, options.callbackTopic(), options.callbackPartitions(), options.replicationFactor());
        }
        return tasks;
    }

    public static QueueOptions asQueue(PoolOptions options) {
        return new QueueOptions(options.tasksTopic(), options.group(), options.tasksPartitions(), options.replicationFactor(),
                "", options.bufferSize(), Duration.ofSeconds(10), Duration.ofSeconds(2), options.clientId(),
                options.kafkaProperties());
    }
}
