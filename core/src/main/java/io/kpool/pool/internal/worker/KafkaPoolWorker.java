package io.kpool.pool.internal.worker;

import io.kpool.core.KpoolException;
import io.kpool.core.internal.delivery.InFlight;
import io.kpool.core.internal.delivery.RecordStream;
import io.kpool.core.internal.delivery.StreamOptions;
import io.kpool.core.internal.delivery.StreamShutDownException;
import io.kpool.core.internal.kafka.IsoTime;
import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.core.internal.kafka.MessageType;
import io.kpool.pool.PoolWorker;
import io.kpool.pool.PoolWorkerOptions;
import io.kpool.pool.TaskRegistry;
import io.kpool.pool.internal.wire.PoolHeaders;
import io.kpool.pool.internal.wire.PoolTopics;
import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.ResultWire;
import io.kpool.pool.internal.wire.TaskMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link PoolWorker} over a {@link RecordStream} of tasks and one result producer. */
public final class KafkaPoolWorker implements PoolWorker {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPoolWorker.class);
    private static final Duration TAKE_TIMEOUT = Duration.ofMillis(200);
    /** Tasks quicker than this (on average) are taken in runs of {@link #RUN}: one hand-over per run. */
    private static final long QUICK_TASK_NANOS = 100_000;
    private static final int RUN = 32;

    private final PoolWorkerOptions options;
    private final RecordStream<TaskRequest> stream;
    private final KafkaProducer<byte[], byte[]> producer;
    private final TaskRunner runner;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong completed = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean taking = true;
    private volatile boolean closed;

    private KafkaPoolWorker(PoolWorkerOptions options, RecordStream<TaskRequest> stream, KafkaProducer<byte[], byte[]> producer, TaskRegistry tasks) {
        this.options = options;
        this.stream = stream;
        this.producer = producer;
        this.runner = new TaskRunner(tasks, options.clientId(), FailurePolicy.ANSWER_EVERY_FAILURE);
    }

    /**
     * @param options topics, group, threads
     * @param tasks the tasks it can run
     * @return the running worker
     */
    public static KafkaPoolWorker start(PoolWorkerOptions options, TaskRegistry tasks) {
        PoolTopics.ensure(options.connection(), options.tasksTopic(), options.tasksPartitions(), options.callbackTopic(),
                options.callbackPartitions());
        KafkaPoolWorker worker = new KafkaPoolWorker(options, RecordStream.open(streamOptions(options), TaskRequest::decode),
                KafkaClients.producer(options.connection(), "results"), tasks);
        for (int i = 0; i < options.effectiveProcesses(); i++) {
            Thread thread = new Thread(worker::work, "kpool-worker-" + options.clientId() + "-" + i);
            worker.threads.add(thread);
            thread.start();
        }
        LOG.info("{} started: {} process(es) on '{}' in group '{}', tasks {}", options.clientId(), worker.threads.size(),
                options.tasksTopic(), options.group(), tasks.names());
        return worker;
    }

    /**
     * @param options the worker's settings
     * @return the delivery engine's settings for the worker's stream of tasks
     */
    static StreamOptions streamOptions(PoolWorkerOptions options) {
        return new StreamOptions(options.tasksTopic(), options.group(), options.tasksPartitions(),
                PoolTopics.deadLetterTopic(options.tasksTopic()), options.bufferSize(), options.revokeWait(), options.connection());
    }

    /**
     * One worker thread. Slow tasks are taken one at a time, so every idle thread gets one; quick
     * ones in runs, so handing them over does not cost more than running them.
     */
    private void work() {
        long averageNanos = QUICK_TASK_NANOS;
        try {
            while (taking) {
                List<InFlight<TaskRequest>> next = stream.take(averageNanos < QUICK_TASK_NANOS ? RUN : 1, TAKE_TIMEOUT);
                for (InFlight<TaskRequest> entry : next) {
                    long start = System.nanoTime();
                    runOne(entry);
                    averageNanos += (System.nanoTime() - start - averageNanos) / 8;
                }
            }
        } catch (StreamShutDownException e) {
            LOG.info("{}: every tasks partition it owns is poisoned; stopping", options.clientId());
            taking = false;
        } catch (IllegalStateException e) {
            if (!closed) {
                fail(e);
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void runOne(InFlight<TaskRequest> entry) {
        TaskRequest request = entry.value();
        List<ResultMessage> results = new ArrayList<>(request.messages().size());
        String started = IsoTime.now();
        for (TaskMessage message : request.messages()) {
            results.add(runner.run(message));
        }
        send(entry, request, results, started, IsoTime.now(), false);
    }

    /** Publishes the answer to a task record: one result, or the result batch of a task batch. */
    private void send(InFlight<TaskRequest> entry, TaskRequest request, List<ResultMessage> results, String started,
                      String finished, boolean retry) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(MessageType.HEADER, (request.batched() ? MessageType.RESULT_BATCH : MessageType.RESULT).headerValue());
        PoolHeaders.add(headers, PoolHeaders.CORRELATION_ID, request.id());
        PoolHeaders.add(headers, PoolHeaders.CLIENT_ID, request.clientId());
        String topic = request.replyTopic() != null ? request.replyTopic() : options.callbackTopic();
        byte[] value = request.batched()
                ? ResultWire.writeResultBatch(request.id(), options.clientId(), started, finished, results)
                : ResultWire.writeResult(results.get(0).withDefaults(options.clientId(), started, finished));
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, request.replyPartition(),
                request.id().getBytes(StandardCharsets.UTF_8), value, headers);
        producer.send(record, (metadata, exception) -> {
            if (exception == null) {
                stream.done(entry.partition(), entry.offset());
                completed.addAndGet(results.size());
            } else if (exception instanceof RecordTooLargeException && !retry) {
                KpoolException tooLarge = new KpoolException("The result of task " + request.id() + " is too large to publish: "
                        + exception.getMessage());
                send(entry, request, results.stream().map(result -> runner.failure(result.id(), tooLarge)).toList(), started,
                        finished, true);
            } else {
                fail(new KpoolException("Cannot publish the result of task " + request.id() + " to '" + topic
                        + "'; the task stays uncommitted and will run again: " + exception.getMessage(), exception));
            }
        });
    }

    private void fail(Exception e) {
        LOG.error("{} failed and stops taking tasks", options.clientId(), e);
        taking = false;
        stopped.countDown();
    }

    @Override
    public long completed() {
        return completed.get();
    }

    @Override
    public boolean isRunning() {
        return stopped.getCount() > 0 && taking;
    }

    @Override
    public boolean awaitStop(Duration timeout) {
        try {
            return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized void close(Duration grace) {
        if (closed) {
            return;
        }
        taking = false;
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread thread : threads) {
            joinUntil(thread, deadline);
        }
        closed = true;
        try {
            producer.flush();
            producer.close(Duration.ofSeconds(10));
        } finally {
            stream.close();
            stopped.countDown();
        }
        LOG.info("{} stopped after {} task(s)", options.clientId(), completed.get());
    }

    private static void joinUntil(Thread thread, long deadline) {
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
