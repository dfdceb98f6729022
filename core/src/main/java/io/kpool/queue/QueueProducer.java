package io.kpool.queue;

import io.kpool.core.KpoolException;
import io.kpool.queue.internal.KafkaQueueProducer;
import java.time.Duration;

/**
 * The producer side of a joinable queue: Python's {@code JoinableQueue.put} and {@code join}.
 *
 * <pre>{@code
 * try (QueueProducer queue = QueueProducer.open(options)) {
 *     for (int i = 0; i < 10; i++) queue.put("包子" + i);
 *     queue.join(Duration.ofMinutes(1));   // returns once the consumer group processed all ten
 * }
 * }</pre>
 *
 * Thread-safe. Creates the queue topic (with {@link QueueOptions#partitions()} partitions) if it
 * does not exist.
 */
public interface QueueProducer extends AutoCloseable {

    /**
     * Connects to the broker and makes sure the queue topic exists.
     *
     * @param options the queue to put on
     * @return an open producer
     */
    static QueueProducer open(QueueOptions options) {
        return KafkaQueueProducer.open(options);
    }

    /**
     * Puts an item on the queue without waiting for the broker.
     *
     * @param item any JSON-serialisable value; not null (Python's {@code None} sentinel is
     *     {@link #sendPoisonPills()} here)
     * @return the item's id
     * @throws IllegalArgumentException if the item is null or cannot be written as JSON
     * @throws KpoolException if an earlier put failed to reach the broker
     */
    String put(Object item);

    /**
     * Waits until every item put so far is stored by the broker.
     *
     * @throws KpoolException if any of them could not be stored
     */
    void flush();

    /**
     * Blocks until the consumer group has marked done (committed) every item this producer put,
     * logging progress while it waits.
     *
     * @param timeout how long to wait at most
     * @throws JoinTimeoutException if the group has not processed everything in time
     */
    void join(Duration timeout);

    /**
     * Sends one poison pill to each partition of the queue topic. Call it only after every
     * producer has finished: a consumer stops once every partition it owns is poisoned.
     *
     * @return how many pills were sent (the topic's partition count)
     */
    int sendPoisonPills();

    /**
     * Sends {@code consumers} poison pills, spread over the queue topic's partitions: the seed's one
     * {@code None} per consumer, for consumers in share mode ({@link io.kpool.core.DeliveryMode#SHARE}), where each
     * consumer takes exactly one pill from any partition and stops. Call it only after every producer has finished.
     *
     * @param consumers how many consumers to stop, at least 1
     * @return how many pills were sent ({@code consumers})
     * @throws IllegalArgumentException if {@code consumers} is less than 1
     */
    int sendPoisonPills(int consumers);

    /** @return how many items this producer has put */
    long itemsPut();

    /** Flushes and closes; idempotent. */
    @Override
    void close();
}
