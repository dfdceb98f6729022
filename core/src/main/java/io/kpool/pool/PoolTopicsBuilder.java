package io.kpool.pool;

import io.kpool.core.ConnectionBuilder;
import io.kpool.core.ConnectionOptions;

/**
 * The builder methods {@link PoolClientOptions.Builder} and {@link PoolWorkerOptions.Builder} share: the
 * pool's topics and their partition counts when kpool creates them.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
public abstract class PoolTopicsBuilder<B extends PoolTopicsBuilder<B>> extends ConnectionBuilder<B> {
    /** The tasks topic. */
    protected String tasksTopic;
    /** The callback topic. */
    protected String callbackTopic;
    /** Partitions of the tasks topic if created. */
    protected int tasksPartitions;
    /** Partitions of the callback topic if created. */
    protected int callbackPartitions;
    /** The task state topic; empty for none. */
    protected String stateTopic;

    /**
     * @param connection the connection to start from
     * @param tasksTopic the tasks topic to start from
     * @param callbackTopic the callback topic to start from
     * @param tasksPartitions partitions of the tasks topic to start from
     * @param callbackPartitions partitions of the callback topic to start from
     * @param stateTopic the task state topic to start from
     */
    protected PoolTopicsBuilder(ConnectionOptions connection, String tasksTopic, String callbackTopic, int tasksPartitions,
                                int callbackPartitions, String stateTopic) {
        super(connection);
        this.stateTopic = stateTopic;
        this.tasksTopic = tasksTopic;
        this.callbackTopic = callbackTopic;
        this.tasksPartitions = tasksPartitions;
        this.callbackPartitions = callbackPartitions;
    }

    /** @param value the tasks topic @return this */
    public B tasksTopic(String value) {
        tasksTopic = value;
        return self();
    }

    /** @param value the callback topic @return this */
    public B callbackTopic(String value) {
        callbackTopic = value;
        return self();
    }

    /** @param value partitions of the tasks topic if kpool creates it @return this */
    public B tasksPartitions(int value) {
        tasksPartitions = value;
        return self();
    }

    /** @param value the compacted topic of task states; empty for none @return this */
    public B stateTopic(String value) {
        stateTopic = value;
        return self();
    }

    /** @param value partitions of the callback topic if kpool creates it @return this */
    public B callbackPartitions(int value) {
        callbackPartitions = value;
        return self();
    }
}
