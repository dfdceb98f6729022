package io.kpool.core.internal;

import io.kpool.core.KpoolException;
import io.kpool.core.QueueConsumer;
import io.kpool.core.QueueItem;
import io.kpool.core.QueueOptions;
import io.kpool.core.QueueShutDownException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link QueueConsumer} over a Kafka consumer owned by one {@link QueuePollLoop} thread. */
public final class KafkaQueueConsumer implements QueueConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaQueueConsumer.class);
    private static final long SLICE_MS = 50;

    private final QueueOptions options;
    private final BlockingQueue<InFlight> buffer = new LinkedBlockingQueue<>();
    private final Map<Long, InFlight> delivered = new ConcurrentHashMap<>();
    private final QueuePollLoop loop;
    private final Thread thread;
    private final Producer<byte[], byte[]> deadLetterProducer;
    private volatile boolean closed;

    KafkaQueueConsumer(QueueOptions options, Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> deadLetterProducer, Clock clock) {
        this.options = options;
        this.deadLetterProducer = deadLetterProducer;
        this.loop = new QueuePollLoop(consumer, options,
                new DeadLetterPublisher(deadLetterProducer, options.deadLetterTopic()), buffer, clock);
        this.thread = new Thread(loop, "kpool-queue-consumer-" + options.clientId());
        thread.start();
    }

    /**
     * @param options the queue to take from
     * @return a started consumer whose topic and dead-letter topic exist
     */
    public static KafkaQueueConsumer open(QueueOptions options) {
        try (Admin admin = KafkaClients.admin(options)) {
            Topics.ensure(admin, options.topic(), options.partitions(), options.replicationFactor());
            Topics.ensure(admin, options.deadLetterTopic(), 1, options.replicationFactor());
        }
        LOG.info("{} joining group '{}' on topic '{}' at {}", options.clientId(), options.group(), options.topic(),
                options.kafkaProperties().get("bootstrap.servers"));
        return new KafkaQueueConsumer(options, KafkaClients.consumer(options),
                KafkaClients.producer(options, "dead-letters"), Clock.systemUTC());
    }

    @Override
    public Optional<QueueItem> get(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (closed) {
                throw new IllegalStateException("Queue consumer " + options.clientId() + " is closed");
            }
            if (loop.failure() != null) {
                throw loop.failure();
            }
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            InFlight entry = poll(Math.max(0, Math.min(SLICE_MS, remaining)));
            if (entry != null && entry.transition(InFlight.State.BUFFERED, InFlight.State.DELIVERED)) {
                delivered.put(key(entry.item()), entry);
                return Optional.of(entry.item());
            }
            if (entry == null && buffer.isEmpty() && loop.isShutDown()) {
                throw new QueueShutDownException("Every partition of '" + options.topic() + "' that "
                        + options.clientId() + " owns is poisoned: no more items");
            }
            if (entry == null && remaining <= 0) {
                return Optional.empty();
            }
        }
    }

    @Override
    public void taskDone(QueueItem item) {
        InFlight entry = item.topic().equals(options.topic()) ? delivered.remove(key(item)) : null;
        if (entry == null || !entry.transition(InFlight.State.DELIVERED, InFlight.State.DONE)) {
            throw new IllegalStateException("taskDone() called more times than items were delivered: item " + item.id()
                    + " (partition " + item.partition() + ", offset " + item.offset() + ") is not outstanding at "
                    + options.clientId() + "; it was already marked done or was never handed out by get()");
        }
    }

    @Override
    public boolean isShutDown() {
        return loop.isShutDown() && buffer.isEmpty();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        loop.stop();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deadLetterProducer.close(Duration.ofSeconds(10));
        }
        if (!delivered.isEmpty()) {
            LOG.warn("{} closed with {} item(s) handed out but not marked done; they will be delivered again",
                    options.clientId(), delivered.size());
        }
        LOG.info("{} left group '{}'", options.clientId(), options.group());
    }

    private InFlight poll(long millis) {
        try {
            return buffer.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpoolException("Interrupted while waiting for an item", e);
        }
    }

    /** Partition in the high bits, offset in the low: unique within one topic. */
    private static long key(QueueItem item) {
        return ((long) item.partition() << 48) ^ item.offset();
    }
}
