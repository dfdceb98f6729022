package io.kpool.pool.internal.client;

import io.kpool.pool.PoolClientOptions;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * A pool client's threads and Kafka clients: the sender thread and its producer, the reply reader thread
 * and its consumer, the callback thread. Started together, stopped together in that order.
 */
final class ClientThreads {
    private final TaskSender sender;
    private final Thread senderThread;
    private final ReplyReader replies;
    private final Thread replyThread;
    private final Producer<byte[], byte[]> producer;
    private final ExecutorService callbacks;
    private final int replyPartition;

    /**
     * Assigns the reply consumer its partition and starts the sender and reply threads.
     *
     * @param options the client's settings
     * @param replyConsumer the consumer the reply thread will own
     * @param producer the task producer
     * @param pending the client's pending tasks
     * @param callbacks the callback thread
     */
    ClientThreads(PoolClientOptions options, Consumer<byte[], byte[]> replyConsumer, Producer<byte[], byte[]> producer,
                  PendingTasks pending, ExecutorService callbacks) {
        this.producer = producer;
        this.callbacks = callbacks;
        TaskCosts costs = new TaskCosts();
        this.replies = new ReplyReader(replyConsumer, options, pending, costs);
        this.replyPartition = replies.assign();
        this.sender = new TaskSender(options, producer, pending, costs, replyPartition);
        this.senderThread = daemon(sender, "kpool-sender-" + options.clientId());
        senderThread.start();
        this.replyThread = daemon(replies, "kpool-replies-" + options.clientId());
        replyThread.start();
    }

    /** @return the sender the client's tasks go through */
    TaskSender sender() {
        return sender;
    }

    /** @return the callback partition the reply reader reads */
    int replyPartition() {
        return replyPartition;
    }

    /** Stops the sender, then the reply reader, then closes the producer and stops the callback thread; each bounded. */
    void stop() {
        sender.stop();
        join(senderThread);
        sender.closeResends();
        replies.stop();
        join(replyThread);
        producer.close(Duration.ofSeconds(10));
        callbacks.shutdown();
        try {
            if (!callbacks.awaitTermination(10, TimeUnit.SECONDS)) {
                callbacks.shutdownNow();
            }
        } catch (InterruptedException e) {
            callbacks.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return a daemon thread of that name, not started */
    static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
