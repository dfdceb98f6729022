package io.kpool.pool;

import io.kpool.test.kafka.TestKafka;
import java.util.ArrayList;
import java.util.List;

/**
 * A pool on the test broker as the pool ITs set it up: its own tasks and callback topics and worker group, client and
 * worker options on them for a test to finish, and what the test opened on them, closed at its end in the order
 * opened ({@link Pool}s terminated).
 */
final class PoolFixture {
    private final TestKafka kafka;
    private final String tasksTopic;
    private final String callbackTopic;
    private final String group;
    private final List<AutoCloseable> opened = new ArrayList<>();

    /**
     * @param prefix the start of the topics' and the group's names ({@code <prefix>-tasks}, {@code <prefix>-callbacks},
     *     {@code <prefix>-workers})
     */
    PoolFixture(TestKafka kafka, String prefix, int tasksPartitions, int callbackPartitions) {
        this.kafka = kafka;
        tasksTopic = kafka.createTopic(prefix + "-tasks", tasksPartitions);
        callbackTopic = kafka.createTopic(prefix + "-callbacks", callbackPartitions);
        group = kafka.uniqueName(prefix + "-workers");
    }

    String tasksTopic() {
        return tasksTopic;
    }

    String callbackTopic() {
        return callbackTopic;
    }

    String group() {
        return group;
    }

    /** @return client options on the pool's topics, to finish */
    PoolClientOptions.Builder client() {
        return PoolClientOptions.builder().bootstrapServers(kafka.bootstrapServers()).tasksTopic(tasksTopic)
                .callbackTopic(callbackTopic);
    }

    /** @return worker options on the pool's topics and group, to finish */
    PoolWorkerOptions.Builder worker() {
        return PoolWorkerOptions.builder().bootstrapServers(kafka.bootstrapServers()).tasksTopic(tasksTopic)
                .callbackTopic(callbackTopic).group(group);
    }

    /** @return {@code closeable}, closed at the end ({@link Pool}s terminated) */
    <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    /** Closes what the test opened, in the order opened. */
    void close() throws Exception {
        for (AutoCloseable closeable : opened) {
            if (closeable instanceof Pool pool) {
                pool.terminate();
            } else {
                closeable.close();
            }
        }
    }
}
