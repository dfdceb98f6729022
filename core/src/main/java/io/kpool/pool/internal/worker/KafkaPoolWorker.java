package io.kpool.pool.internal.worker;

import io.kpool.core.DeliveryGuarantee;
import io.kpool.core.KpoolConfig;
import io.kpool.core.internal.delivery.InFlight;
import io.kpool.core.internal.delivery.RecordDecoder;
import io.kpool.core.internal.delivery.RecordStream;
import io.kpool.core.internal.delivery.StreamOptions;
import io.kpool.core.internal.delivery.TransactionPacing;
import io.kpool.core.internal.kafka.IsoTime;
import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.core.internal.kafka.RecordLimits;
import io.kpool.core.internal.metrics.Meters;
import io.kpool.pool.PoolWorker;
import io.kpool.pool.PoolWorkerOptions;
import io.kpool.pool.TaskRegistry;
import io.kpool.pool.WorkerInfo;
import io.kpool.pool.internal.wire.PoolTopics;
import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.TaskMessage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
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
    private final Admin admin;
    private final TimeLimits limits;
    private final TaskMetrics metrics;
    private final ActiveTasks active = new ActiveTasks();
    private volatile ControlResponder control;
    private final Meters.Binding producerMeters;
    private final TaskEvents events;
    private final TaskRunner runner;
    private final ResultPublisher results;
    private final RetryForwarder retries;
    private final Thread retryThread;
    private final ShareAttempts attempts;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong completed = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean taking = true;
    private volatile boolean closed;

    private KafkaPoolWorker(PoolWorkerOptions options, RecordStream<TaskRequest> stream, KafkaProducer<byte[], byte[]> producer,
                            Admin admin, TaskRegistry tasks, MeterRegistry registry) {
        this.options = options;
        this.stream = stream;
        this.producer = producer;
        this.admin = admin;
        this.limits = new TimeLimits(options.clientId());
        this.metrics = new TaskMetrics(registry, tasks, options.clientId());
        this.producerMeters = Meters.bind(registry, producer);
        List<TaskEvents> observers = new ArrayList<>(List.of(metrics, active));
        if (!options.stateTopic().isEmpty()) {
            observers.add(new StatePublisher(producer, options.stateTopic(), options.clientId()));
        }
        observers.add(new TaskLog());
        this.events = TaskEvents.all(observers);
        this.runner = new TaskRunner(tasks, options.clientId(),
                new RetryPolicy(options.retryDefaults(), () -> ThreadLocalRandom.current().nextDouble()), limits,
                options.taskTimeLimit(), Clock.systemUTC(), events);
        AnswerSink sink = options.guarantee() == DeliveryGuarantee.EXACTLY_ONCE
                ? AnswerSink.staging(RecordLimits.of(admin, maxRequestSize(options))) : AnswerSink.sending(producer);
        this.results = new ResultPublisher(sink, stream, options.clientId(), options.callbackTopic(),
                maxRequestSize(options), completed, this::fail, new RetryRecords(sink, options.tasksTopic(), RetryEvents.LOG));
        this.retries = RetryForwarder.forWorker(options, retryGroup(options), producer, this::fail);
        this.retryThread = new Thread(retries, "kpool-retry-" + options.clientId());
        this.attempts = new ShareAttempts(stream, options.delivery().deliveryLimit(), options.clientId());
    }

    /**
     * @param options the worker's settings
     * @return the consumer group of the workers' delay-tier consumers
     */
    static String retryGroup(PoolWorkerOptions options) {
        return options.group() + ".retry";
    }

    /**
     * @param options topics, group, threads
     * @param tasks the tasks it can run
     * @param registry where it records its metrics ({@link TaskMetrics}, the engine's, its Kafka clients')
     * @return the running worker
     */
    public static KafkaPoolWorker start(PoolWorkerOptions options, TaskRegistry tasks, MeterRegistry registry) {
        PoolTopics.ensure(options.connection(), options.tasksTopic(), options.tasksPartitions(), options.callbackTopic(),
                options.callbackPartitions());
        PoolTopics.ensureRetryTiers(options.connection(), options.tasksTopic(), options.tasksPartitions());
        if (!options.stateTopic().isEmpty()) {
            PoolTopics.ensureStateTopic(options.connection(), options.stateTopic(), options.tasksPartitions(), options.resultExpires());
        }
        Admin admin = KafkaClients.admin(options.connection());
        ReplyRoutes routes = new ReplyRoutes(admin, options.tasksTopic(), Clock.systemUTC());
        KafkaPoolWorker worker;
        try {
            worker = new KafkaPoolWorker(options,
                    openStream(options, record -> TaskRequest.decode(record, options.callbackTopic(), routes), registry),
                    KafkaClients.producer(options.connection(), "results"), admin, tasks, registry);
        } catch (RuntimeException e) {
            admin.close(KafkaClients.ADMIN_CLOSE_TIMEOUT);
            throw e;
        }
        worker.retryThread.start();
        for (int i = 0; i < options.effectiveProcesses(); i++) {
            Thread thread = new Thread(worker::work, "kpool-worker-" + options.clientId() + "-" + i);
            worker.threads.add(thread);
            thread.start();
        }
        try {
            worker.control = ControlResponder.start(worker.producer, options.connection(), options.tasksTopic(),
                    () -> worker.report(tasks));
        } catch (RuntimeException e) {
            worker.close(Duration.ZERO);
            throw e;
        }
        LOG.info("{} started: {} process(es) on '{}' in group '{}', tasks {}", options.clientId(), worker.threads.size(),
                options.tasksTopic(), options.group(), tasks.names());
        return worker;
    }

    /**
     * Share mode: a worker holds at most as many tasks as it has threads, and the rest go to other workers.
     * At-least-once: results are sent as tasks finish and their records commit after. Exactly-once: the stream
     * commits each batch of finished results with their tasks' offsets in one transaction of a producer whose
     * transactional id is the worker's identity (group and name), so a restarted worker fences its predecessor.
     */
    private static RecordStream<TaskRequest> openStream(PoolWorkerOptions options, RecordDecoder<TaskRequest> decoder,
                                                        MeterRegistry registry) {
        if (options.delivery().isShare()) {
            return RecordStream.openShared(streamOptions(options), options.delivery(), options.effectiveProcesses(), decoder, registry);
        }
        if (options.guarantee() != DeliveryGuarantee.EXACTLY_ONCE) {
            return RecordStream.open(streamOptions(options), decoder, registry);
        }
        KafkaProducer<byte[], byte[]> transactional = KafkaClients.transactionalProducer(options.connection(), "transactions",
                transactionalId(options));
        try {
            return RecordStream.openTransactional(streamOptions(options), decoder, transactional,
                    new TransactionPacing(options.transactionInterval(), options.transactionMaxRecords()), registry);
        } catch (RuntimeException e) {
            transactional.close(Duration.ofSeconds(5));
            throw e;
        }
    }

    private WorkerInfo report(TaskRegistry tasks) {
        return new WorkerInfo(options.clientId(), Host.NAME, ProcessHandle.current().pid(), options.group(), threads.size(),
                List.copyOf(tasks.names()), active.snapshot(), completed.get(), runner.expired());
    }

    /**
     * @param options the worker's settings
     * @return the transactional id of the worker in exactly-once mode: stable for a worker's group and name
     */
    static String transactionalId(PoolWorkerOptions options) {
        return "kpool-" + options.group() + "-" + options.clientId();
    }

    private static int maxRequestSize(PoolWorkerOptions options) {
        return (Integer) KafkaClients.setting(options.connection(), ProducerConfig.configDef(), ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    }

    /**
     * @param options the worker's settings
     * @return the delivery engine's settings for the worker's stream of tasks
     */
    static StreamOptions streamOptions(PoolWorkerOptions options) {
        return new StreamOptions(options.tasksTopic(), options.group(), options.tasksPartitions(),
                PoolTopics.deadLetterTopic(options.tasksTopic()), options.bufferSize(), options.revokeWait(), false, options.connection());
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
        List<TaskOutcome> answers = new ArrayList<>(request.messages().size());
        String started = IsoTime.now();
        if (request.messages().size() > options.maxBatchTasks()) {
            String reason = "Task batch " + request.id() + " holds " + request.messages().size() + " tasks, more than worker "
                    + options.clientId() + " runs from one record (" + KpoolConfig.POOL_MAX_BATCH_TASKS + " = "
                    + options.maxBatchTasks() + "); none of them ran";
            try (TaskLog.Scope scope = TaskLog.scope(request.clientId(), request.traceparent())) {
                for (TaskMessage message : request.messages()) {
                    ResultMessage rejection = TaskRunner.rejection(message.id(), reason);
                    scope.task(message);
                    events.received(message);
                    events.started(message);
                    events.failed(message, rejection, 0);
                    answers.add(TaskOutcome.answer(message, rejection));
                }
            }
        } else {
            try (TaskLog.Scope scope = TaskLog.scope(request.clientId(), request.traceparent())) {
                for (TaskMessage message : request.messages()) {
                    scope.task(message);
                    answers.add(runner.run(message, request.attempts()));
                }
            }
        }
        if (!attempts.released(entry, answers)) {
            results.publish(entry, answers, started, IsoTime.now());
        }
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
    public long expired() {
        return runner.expired();
    }

    @Override
    public boolean isRunning() {
        return stopped.getCount() > 0 && taking;
    }

    @Override
    public boolean isReady() {
        return isRunning() && stream.status().ready();
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
        retries.stop();
        joinUntil(retryThread, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
        try {
            if (control != null) {
                control.close();
            }
            producerMeters.close();
            metrics.close();
            producer.flush();
            producer.close(Duration.ofSeconds(10));
        } finally {
            stream.close();
            admin.close(KafkaClients.ADMIN_CLOSE_TIMEOUT);
            limits.close();
            stopped.countDown();
        }
        LOG.info("{} stopped after {} task(s){}", options.clientId(), completed.get(),
                runner.expired() == 0 ? "" : ", " + runner.expired() + " of them expired before they could start");
    }

    private static void joinUntil(Thread thread, long deadline) {
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
