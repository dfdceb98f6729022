package io.kpool.bench;

import io.kpool.queue.QueueConsumer;
import io.kpool.queue.QueueItem;
import io.kpool.queue.QueueOptions;
import io.kpool.queue.QueueProducer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The queue benchmark's kpool side: one {@link QueueProducer} puts the numbers 0..n-1, consumer
 * threads (each its own {@link QueueConsumer}) {@code get} each, count it and call {@code taskDone};
 * the producer's {@code join} returns once the group has committed every item.
 */
final class KpoolQueue {
    private KpoolQueue() {
    }

    /** @return nanoseconds from the first put until join returned */
    static long run(String servers, String run, int partitions, int consumers, ItemTally tally) throws Exception {
        QueueOptions options = QueueOptions.builder().bootstrapServers(servers).topic("bench-queue-" + run)
                .group("bench-queue-group-" + run).partitions(partitions).kafkaProperty("linger.ms", PoolBench.LINGER_MS)
                .joinProgressInterval(Duration.ofSeconds(5)).clientId("bench-queue").build();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        try (QueueProducer producer = QueueProducer.open(options)) {
            for (int i = 0; i < consumers; i++) {
                QueueConsumer consumer = QueueConsumer.open(options.toBuilder().clientId("bench-queue-consumer-" + i).build());
                Thread thread = new Thread(() -> consume(consumer, tally, running), "bench-queue-consumer-" + i);
                thread.start();
                threads.add(thread);
            }
            GroupReady.await(servers, options.group(), consumers, partitions);
            long start = System.nanoTime();
            for (int i = 0; i < tally.size(); i++) {
                producer.put(i);
            }
            producer.join(Duration.ofMinutes(10));
            return System.nanoTime() - start;
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(30_000);
            }
        }
    }

    private static void consume(QueueConsumer queue, ItemTally tally, AtomicBoolean running) {
        try (queue) {
            while (running.get()) {
                Optional<QueueItem> item = queue.get(Duration.ofMillis(100));
                if (item.isPresent()) {
                    tally.mark(item.get().value().intValue());
                    queue.taskDone(item.get());
                }
            }
        }
    }
}
