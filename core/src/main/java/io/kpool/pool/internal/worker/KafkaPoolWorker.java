package io.kpool.pool.internal.worker;

import io.kpool.core.DeliveryGuarantee;
import io.kpool.core.internal.delivery.RecordStream;
import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.core.internal.kafka.RecordLimits;
import io.kpool.core.internal.kafka.Resender;
import io.kpool.core.internal.metrics.Meters;
import io.kpool.pool.PoolWorker;
import io.kpool.pool.PoolWorkerOptions;
import io.kpool.pool.TaskRegistry;
import io.kpool.pool.WorkerInfo;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PoolWorker} over a {@link RecordStream} of tasks and one result producer: its parts wired
 * together, its threads ({@link WorkLoop}s, the delay-tier {@link RetryForwarder}, the control responder),
 * its state and its shutdown. {@link WorkerStartup} opens what it runs on.
 */
public final class KafkaPoolWorker implements PoolWorker {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPoolWorker.class);

    private final PoolWorkerOptions options;
    private final RecordStream<TaskRequest> stream;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;
    private final TimeLimits limits;
    private final TaskMetrics metrics;
    private final ActiveTasks active = new ActiveTasks();
    private volatile ControlResponder control;
    private final Meters.Binding producerMeters;
    private final TaskRunner runner;
    private final WorkLoop loop;
    private final RetryForwarder retries;
    /** Sends the answers (at least once) again while the broker fails them. */
    private final Resender resender;
    private final Thread retryThread;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong completed = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closed;

    KafkaPoolWorker(PoolWorkerOptions options, RecordStream<TaskRequest> stream, KafkaProducer<byte[], byte[]> producer,
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
        TaskEvents events = TaskEvents.all(observers);
        this.runner = new TaskRunner(tasks, options.clientId(),
                new RetryPolicy(options.retryDefaults(), () -> ThreadLocalRandom.current().nextDouble()), limits,
                options.taskTimeLimit(), Clock.systemUTC(), events);
        int maxRequestSize = WorkerStartup.maxRequestSize(options);
        this.resender = new Resender(producer, options.clientId());
        AnswerSink sink = options.guarantee() == DeliveryGuarantee.EXACTLY_ONCE
                ? AnswerSink.staging(RecordLimits.of(admin, maxRequestSize)) : AnswerSink.sending(resender);
        ResultPublisher results = new ResultPublisher(sink, stream, options.clientId(), options.callbackTopic(),
                maxRequestSize, completed, this::fail, new RetryRecords(sink, options.tasksTopic(), RetryEvents.LOG));
        this.loop = new WorkLoop(options, stream, runner, events,
                new ShareAttempts(stream, options.delivery().deliveryLimit(), options.clientId()), results, this::fail);
        this.retries = RetryForwarder.forWorker(options, WorkerStartup.retryGroup(options), producer, this::fail);
        this.retryThread = new Thread(retries, "kpool-retry-" + options.clientId());
    }

    /**
     * @param options topics, group, threads
     * @param tasks the tasks it can run
     * @param registry where it records its metrics ({@link TaskMetrics}, the engine's, its Kafka clients')
     * @return the running worker
     */
    public static KafkaPoolWorker start(PoolWorkerOptions options, TaskRegistry tasks, MeterRegistry registry) {
        return WorkerStartup.start(options, tasks, registry);
    }

    /** Starts the delay-tier consumer, the worker threads and the control responder; closes the worker if one fails. */
    void run(TaskRegistry tasks) {
        retryThread.start();
        for (int i = 0; i < options.effectiveProcesses(); i++) {
            Thread thread = new Thread(loop, "kpool-worker-" + options.clientId() + "-" + i);
            threads.add(thread);
            thread.start();
        }
        try {
            control = ControlResponder.start(producer, options.connection(), options.tasksTopic(), () -> report(tasks));
        } catch (RuntimeException e) {
            close(Duration.ZERO);
            throw e;
        }
        LOG.info("{} started: {} process(es) on '{}' in group '{}', tasks {}", options.clientId(), threads.size(),
                options.tasksTopic(), options.group(), tasks.names());
    }

    private WorkerInfo report(TaskRegistry tasks) {
        return new WorkerInfo(options.clientId(), Host.NAME, ProcessHandle.current().pid(), options.group(), threads.size(),
                List.copyOf(tasks.names()), active.snapshot(), completed.get(), runner.expired());
    }

    private void fail(Exception e) {
        LOG.error("{} failed and stops taking tasks", options.clientId(), e);
        loop.stopTaking();
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
        return stopped.getCount() > 0 && loop.isTaking();
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
        loop.stopTaking();
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread thread : threads) {
            joinUntil(thread, deadline);
        }
        closed = true;
        loop.closed();
        retries.stop();
        joinUntil(retryThread, System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
        try {
            if (control != null) {
                control.close();
            }
            producerMeters.close();
            metrics.close();
            producer.flush();
            resender.close();
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
