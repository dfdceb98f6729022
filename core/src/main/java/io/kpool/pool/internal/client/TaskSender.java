package io.kpool.pool.internal.client;

import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.IsoTime;
import io.kpool.core.internal.kafka.MessageType;
import io.kpool.core.internal.kafka.Resender;
import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.Task;
import io.kpool.pool.internal.wire.PoolHeaders;
import io.kpool.pool.internal.wire.TaskMessage;
import io.kpool.pool.internal.wire.TaskWire;
import io.kpool.pool.internal.wire.TraceParent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that sends a pool client's tasks. It takes whatever has been submitted since its last
 * send: tasks known to be quick ({@link TaskCosts}) go several to a record (a task batch), every
 * other task in a record of its own. A lone {@code apply} is sent at once; a burst of quick
 * {@code applyAsync} calls costs Kafka a few records instead of one per task. A record carries at most
 * {@code kpool.pool.max.tasks.per.record} calls and a few milliseconds of their known run time
 * ({@link RecordBudget}).
 */
final class TaskSender implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskSender.class);
    /** The most tasks submitted and not yet handed to the producer; submitting more waits (Pool's javadoc says so). */
    static final int MAX_UNSENT = 10_000;

    /**
     * A task waiting to be sent.
     *
     * @param message the task
     * @param task its pending result
     * @param parent the submitting thread's W3C {@code traceparent} (its MDC's), or null: the task's record gets a
     *     child of it, or a new trace; tasks of different traces never share a record
     */
    record Outgoing(TaskMessage message, PendingTask<?> task, String parent) {
        Outgoing(TaskMessage message, PendingTask<?> task) {
            this(message, task, null);
        }
    }

    private final PoolClientOptions options;
    /** Sends again a task record the broker failed for a reason that can pass (its disk failed, an outage). */
    private final Resender resender;
    private final PendingTasks pending;
    private final RecordBudget budget;
    private final String replyPartition;
    private final int partitions;
    private final BlockingQueue<Outgoing> outbox = new LinkedBlockingQueue<>(MAX_UNSENT);
    private volatile boolean running = true;
    private volatile boolean finished;
    private long records;

    TaskSender(PoolClientOptions options, Producer<byte[], byte[]> producer, PendingTasks pending, TaskCosts costs, int replyPartition) {
        this.options = options;
        this.resender = new Resender(producer, options.clientId());
        this.pending = pending;
        this.budget = new RecordBudget(costs, options.maxTasksPerRecord());
        this.replyPartition = Integer.toString(replyPartition);
        this.partitions = producer.partitionsFor(options.tasksTopic()).size();
    }

    /**
     * Queues a task for sending; waits while {@link #MAX_UNSENT} tasks are queued.
     *
     * @throws KpoolException if the sender has stopped, or the caller is interrupted while waiting
     */
    void submit(Outgoing outgoing) {
        boolean queued = false;
        try {
            while (!finished && !queued) {
                queued = outbox.offer(outgoing, 100, TimeUnit.MILLISECONDS); // false while the sender is behind
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpoolException("Interrupted while waiting to submit task '" + outgoing.message().task() + "'", e);
        }
        // A sender that has stopped took (and sent or failed) what it found queued; what is still queued is refused here.
        if (!queued || finished && outbox.remove(outgoing)) {
            throw new KpoolException(options.clientId() + ": the task sender has stopped; task '"
                    + outgoing.message().task() + "' was not submitted");
        }
    }

    /** Sends what is queued, then stops. */
    void stop() {
        running = false;
    }

    /** Sends no failed task record again: those still waiting fail their tasks with their last error. */
    void closeResends() {
        resender.close();
    }

    @Override
    public void run() {
        List<Outgoing> taken = new ArrayList<>();
        List<Outgoing> quick = new ArrayList<>();
        int next = 0;
        try {
            while (running || !outbox.isEmpty()) {
                Outgoing first = outbox.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                taken.add(first);
                outbox.drainTo(taken, options.maxTasksPerRecord() * 4 - 1);
                boolean burst = taken.size() >= RecordBudget.BURST_PER_PARTITION * partitions;
                for (next = 0; next < taken.size(); next++) {
                    Outgoing outgoing = taken.get(next);
                    if (outgoing.task().isDone()) {
                        continue; // failed before it was sent (timed out, terminated, reply reader failed): no worker runs it
                    }
                    int calls = calls(outgoing.message());
                    long micros = budget.packableMicros(outgoing.message(), calls, burst);
                    if (micros >= 0) {
                        if (!budget.fits(calls, micros)
                                || !quick.isEmpty() && !Objects.equals(quick.get(0).parent(), outgoing.parent())) {
                            sendAll(quick);
                        }
                        quick.add(outgoing);
                        budget.add(calls, micros);
                    } else {
                        send(List.of(outgoing));
                    }
                }
                taken.clear();
                sendAll(quick);
            }
        } catch (InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.error("{}: the task sender failed; tasks not yet sent fail and no new task is accepted", options.clientId(), e);
            pending.refuse(new KpoolException("the task sender failed (" + e + ")", e));
            finished = true;
            List<Outgoing> unsent = new ArrayList<>(quick);
            unsent.addAll(taken.subList(Math.min(next, taken.size()), taken.size()));
            outbox.drainTo(unsent);
            unsent.forEach(outgoing -> fail(outgoing, e));
        } finally {
            finished = true;
            // submitted while the pool was being released: refused here or by submit(), never left queued
            List<Outgoing> late = new ArrayList<>();
            outbox.drainTo(late);
            late.forEach(outgoing -> fail(outgoing, new KpoolException("the pool was released")));
        }
    }

    /** Sends the tasks as one record (a batch unless there is just one), then empties the list. */
    private void sendAll(List<Outgoing> tasks) {
        if (!tasks.isEmpty()) {
            send(tasks);
            tasks.clear();
        }
        budget.reset();
    }

    /**
     * @return the calls a task message carries: one, or a map chunk's items. A record packs quick tasks up to
     *     {@code maxTasksPerRecord} calls, so that packed map chunks never outgrow a record; a chunk that large
     *     travels alone.
     */
    static int calls(TaskMessage message) {
        return message.batch() == null ? 1 : message.batch().size();
    }

    private void send(List<Outgoing> batch) {
        boolean single = batch.size() == 1;
        TaskMessage first = batch.get(0).message();
        String id = single ? first.id() : first.id() + "+" + (batch.size() - 1);
        String now = IsoTime.now();
        byte[] value = single ? TaskWire.writeTask(first, now)
                : TaskWire.writeTaskBatch(id, batch.stream().map(Outgoing::message).toList(), now);
        RecordHeaders headers = new RecordHeaders();
        headers.add(MessageType.HEADER, (single ? MessageType.TASK : MessageType.TASK_BATCH).headerValue());
        PoolHeaders.add(headers, PoolHeaders.REPLY_TOPIC, options.callbackTopic());
        PoolHeaders.add(headers, PoolHeaders.REPLY_PARTITION, replyPartition);
        PoolHeaders.add(headers, PoolHeaders.CORRELATION_ID, id);
        PoolHeaders.add(headers, PoolHeaders.CLIENT_ID, options.clientId());
        PoolHeaders.add(headers, PoolHeaders.TRACEPARENT, TraceParent.child(batch.get(0).parent()));
        // round-robin over the partitions, so even a handful of slow tasks spreads over every worker instance
        int partition = (int) (records++ % partitions);
        List<Outgoing> sent = List.copyOf(batch);
        resender.send(new ProducerRecord<>(options.tasksTopic(), partition, id.getBytes(StandardCharsets.UTF_8), value, headers),
                (metadata, exception) -> {
                    if (exception != null) {
                        sent.forEach(outgoing -> fail(outgoing, exception));
                    }
                });
    }

    private void fail(Outgoing outgoing, Exception cause) {
        PendingTask<?> task = outgoing.task();
        pending.fail(task, new KpoolException("Task '" + task.task() + "' (" + task.id()
                + ") could not be submitted to '" + options.tasksTopic() + "': " + cause.getMessage(), cause));
    }
}
