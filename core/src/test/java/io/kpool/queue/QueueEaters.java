package io.kpool.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Test consumers of a queue, each on a thread of its own: takes items, records each and marks it done, until the
 * poison pills stop it. {@link #close()} stops the threads.
 */
final class QueueEaters {
    private final ExecutorService threads = Executors.newCachedThreadPool();

    /**
     * Runs a consumer with {@code options} and client id {@code name} until the pills stop it.
     *
     * @param eaten where each item's text goes
     * @param eatingTime how long eating one item takes (so that other consumers get items too); zero for no time
     * @return how many items it ate before every partition it owned was poisoned
     */
    Future<Integer> eat(QueueOptions options, String name, Collection<String> eaten, Duration eatingTime) {
        return threads.submit(() -> {
            try (QueueConsumer queue = QueueConsumer.open(options.toBuilder().clientId(name).build())) {
                return eatUntilPills(queue, eaten, eatingTime);
            }
        });
    }

    /** @return {@code task} running on a thread of its own, stopped at {@link #close()} if it still runs */
    Future<?> run(Runnable task) {
        return threads.submit(task);
    }

    /** Interrupts the threads and checks that they end. */
    void close() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    private static int eatUntilPills(QueueConsumer queue, Collection<String> eaten, Duration eatingTime)
            throws InterruptedException {
        int count = 0;
        while (true) {
            Optional<QueueItem> item;
            try {
                item = queue.get(Duration.ofMillis(200));
            } catch (QueueShutDownException e) {
                return count;
            }
            if (item.isPresent()) {
                TimeUnit.MILLISECONDS.sleep(eatingTime.toMillis());
                eaten.add(item.get().text());
                queue.taskDone(item.get());
                count++;
            }
        }
    }
}
