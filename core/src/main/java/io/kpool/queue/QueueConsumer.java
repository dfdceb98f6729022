package io.kpool.queue;

import io.kpool.core.KpoolException;
import io.kpool.core.internal.metrics.Meters;
import io.kpool.queue.internal.KafkaQueueConsumer;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.time.Duration;
import java.util.Optional;

/**
 * The consumer side of a joinable queue: Python's {@code JoinableQueue.get} and {@code task_done},
 * as one member of a Kafka consumer group.
 *
 * <pre>{@code
 * try (QueueConsumer queue = QueueConsumer.open(options)) {
 *     while (true) {
 *         Optional<QueueItem> item = queue.get(Duration.ofSeconds(1));   // throws QueueShutDownException after the pills
 *         if (item.isEmpty()) continue;
 *         eat(item.get());
 *         queue.taskDone(item.get());
 *     }
 * }
 * }</pre>
 *
 * <p>{@code taskDone} commits offsets: only the contiguous prefix of done items of each partition,
 * so items may finish out of order and nothing undone is ever committed. A consumer that dies
 * leaves its undone items to the rest of the group. {@code get} and {@code taskDone} may be called
 * from any threads; one internal thread owns the Kafka consumer.
 */
public interface QueueConsumer extends AutoCloseable {

    /**
     * Joins the consumer group and starts fetching.
     *
     * @param options the queue to take from
     * @return an open consumer
     */
    static QueueConsumer open(QueueOptions options) {
        return KafkaQueueConsumer.open(options, Meters.NONE);
    }

    /**
     * Like {@link #open(QueueOptions)}, recording the items it holds ({@code kpool.records.held}), its partitions
     * ({@code kpool.partitions.assigned}, {@code .paused}) and its Kafka clients' own metrics (lag per partition among
     * them) into {@code registry}. In share mode: the items it holds and its dead-letter producer's metrics only (a
     * share consumer has no partitions to see, and Micrometer's {@code KafkaClientMetrics} takes no share consumer).
     *
     * @param options the queue to take from
     * @param registry where to record
     * @return an open consumer
     */
    static QueueConsumer open(QueueOptions options, MeterRegistry registry) {
        return KafkaQueueConsumer.open(options, Objects.requireNonNull(registry, "registry"));
    }

    /**
     * Takes the next item, waiting up to {@code timeout} for one.
     *
     * @param timeout how long to wait
     * @return the item, or empty if none arrived in time
     * @throws QueueShutDownException once every partition this consumer owns is poisoned and drained
     * @throws KpoolException if the consumer failed
     */
    Optional<QueueItem> get(Duration timeout);

    /**
     * Marks an item processed; its offset is committed once every earlier item of its partition is
     * done too.
     *
     * @param item an item returned by {@link #get}
     * @throws IllegalStateException if the item is not outstanding: already marked done, or never
     *     handed out by this consumer (Python's {@code ValueError: task_done() called too many times})
     */
    void taskDone(QueueItem item);

    /** @return true once every owned partition is poisoned and drained: {@link #get} would throw */
    boolean isShutDown();

    /** @return true while it can take items: connected to a broker and a member of its group holding an assignment */
    boolean isReady();

    /** Commits what is done, leaves the group and stops; bounded and idempotent. */
    @Override
    void close();
}
