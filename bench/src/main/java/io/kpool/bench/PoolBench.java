package io.kpool.bench;

import io.kpool.core.DeliveryGuarantee;
import io.kpool.pool.AsyncResult;
import io.kpool.pool.Pool;
import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.PoolWorkerOptions;
import io.kpool.pool.PoolWorker;
import io.kpool.pool.TaskCall;
import io.kpool.pool.TaskRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench pool}: kpool's pool against the hand-written raw-Kafka pipeline ({@link RawPipeline}),
 * in one run on one broker: throughput over many no-op {@code square} tasks with every result
 * gathered, then sequential {@code apply} round trips; then the same with a worker in exactly-once mode,
 * beside the at-least-once figures.
 */
@Command(name = "pool", mixinStandardHelpOptions = true,
        description = {"Pool throughput and apply latency, each beside a hand-written raw-Kafka pipeline measured in the same run.",
                "Throughput: TASKS no-op square tasks submitted at once, every result gathered by the client (and checked);",
                "ROUNDS such rounds per pipeline, the medians reported.",
                "Latency: CALLS sequential apply round trips, p50 and p99. Worker and client run in this JVM, as the baseline's do.",
                "Then kpool again with its worker in exactly-once mode (kpool.pool.delivery), beside at-least-once: throughput, apply, CPU.",
                "Targets on a 2-core machine: >= 100k tasks/s and >= 0.9x the baseline; apply p50 <= 3 ms, p99 <= 12 ms."})
final class PoolBench implements Callable<Integer> {
    /** Producer batching of both pipelines: kpool's default, so the baseline gets the same. */
    static final int LINGER_MS = 0;

    @Mixin
    private BrokerOption broker;

    @Option(names = "--tasks", defaultValue = "1000000", description = "Tasks of the throughput runs. Default: ${DEFAULT-VALUE}.")
    private int tasks;

    @Option(names = "--rounds", defaultValue = "5",
            description = "Throughput rounds of each pipeline; the medians are reported. Default: ${DEFAULT-VALUE}.")
    private int rounds;

    @Option(names = "--calls", defaultValue = "1000", description = "Sequential apply calls of the latency runs. Default: ${DEFAULT-VALUE}.")
    private int calls;

    @Option(names = "--processes", defaultValue = "2", description = "The kpool worker's threads. Default: ${DEFAULT-VALUE}.")
    private int processes;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of both tasks topics. Default: ${DEFAULT-VALUE}.")
    private int partitions;

    @Option(names = "--warmup", defaultValue = "500000", description = "Tasks each pipeline runs, unmeasured, before its throughput rounds. Default: ${DEFAULT-VALUE}.")
    private int warmup;

    @Option(names = "--eos-calls", defaultValue = "200",
            description = "Sequential apply calls of the exactly-once latency run (each waits for a transaction). Default: ${DEFAULT-VALUE}.")
    private int eosCalls;

    @Option(names = "--eos-interval-ms", defaultValue = "-1", split = ",",
            description = {"The exactly-once worker's kpool.transaction.interval.ms; -1 for kpool's default. Several, comma-separated,",
                    "measure an exactly-once worker for each, in the same run. Default: ${DEFAULT-VALUE}."})
    private List<Long> eosIntervalMs;

    @Option(names = "--eos-max-records", defaultValue = "-1",
            description = "The exactly-once worker's kpool.transaction.max.records; -1 for kpool's default. Default: ${DEFAULT-VALUE}.")
    private int eosMaxRecords;

    @Override
    public Integer call() throws Exception {
        Stats.requirePositive("--tasks", tasks);
        Stats.requirePositive("--rounds", rounds);
        Stats.requirePositive("--calls", calls);
        Stats.requirePositive("--eos-calls", eosCalls);
        Stats.requirePositive("--processes", processes);
        Stats.requirePositive("--partitions", partitions);
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must be 0 or more, got " + warmup);
        }
        Report report = new Report("pool");
        try (BenchBroker broker = this.broker.start()) {
            System.out.println("kpool pool benchmark against " + broker.description());
            String run = UUID.randomUUID().toString().substring(0, 8);
            double rawRate;
            double rawCpu;
            long[] rawLatency;
            try (RawPipeline raw = new RawPipeline(broker.bootstrapServers(), run, partitions)) {
                System.out.printf("%n1/6 raw Kafka pipeline: %d round(s) of %,d tasks (after %,d warm-up)…%n", rounds, tasks, warmup);
                raw.throughput(warmup, "warm-up");
                Throughput measured = rounds(count -> raw.throughput(count, "raw"));
                rawRate = measured.tasksPerSecond();
                rawCpu = measured.cpuMicrosPerTask();
                System.out.printf("%n2/6 raw Kafka request/reply: %,d sequential round trips…%n", calls);
                settle();
                rawLatency = Stats.latencies(calls, raw::roundTrip);
            }
            Measured atLeastOnce = measureKpool(broker, run, DeliveryGuarantee.AT_LEAST_ONCE, calls, -1, "3/6", "4/6");
            List<Measured> exactlyOnce = new ArrayList<>();
            for (long interval : eosIntervalMs) {
                exactlyOnce.add(measureKpool(broker, run + "-eos" + exactlyOnce.size(), DeliveryGuarantee.EXACTLY_ONCE, eosCalls, interval,
                        "5/6", "6/6"));
            }
            double kpoolRate = atLeastOnce.rate().tasksPerSecond();
            double kpoolCpu = atLeastOnce.rate().cpuMicrosPerTask();
            long[] kpoolLatency = atLeastOnce.latency();
            report.row("throughput, %,d square tasks, median of %d round(s), raw pipeline vs kpool (tasks/s)".formatted(tasks, rounds),
                    rawRate, kpoolRate, ">= 100,000 and >= 0.90");
            report.row("apply round trip p50, raw request/reply vs kpool (ms)", Stats.percentileMillis(rawLatency, 50),
                    Stats.percentileMillis(kpoolLatency, 50), "<= 3");
            report.row("apply round trip p99, raw request/reply vs kpool (ms)", Stats.percentileMillis(rawLatency, 99),
                    Stats.percentileMillis(kpoolLatency, 99), "<= 12");
            report.row("CPU per task, whole JVM: clients, worker and broker, median (µs)", rawCpu, kpoolCpu, "");
            for (Measured eos : exactlyOnce) {
                String pacing = "transactions at least %d ms apart or every %,d records".formatted(eos.interval().toMillis(), eos.maxRecords());
                report.row("throughput, at-least-once (baseline) vs exactly-once (kpool.pool.delivery; %s) (tasks/s)".formatted(pacing),
                        kpoolRate, eos.rate().tasksPerSecond(), ">= 0.70");
                report.row("apply p50, at-least-once vs exactly-once (ms; %s)".formatted(pacing), Stats.percentileMillis(kpoolLatency, 50),
                        Stats.percentileMillis(eos.latency(), 50), "");
                report.row("apply p99, at-least-once vs exactly-once (ms; %s)".formatted(pacing), Stats.percentileMillis(kpoolLatency, 99),
                        Stats.percentileMillis(eos.latency(), 99), "");
                report.row("CPU per task, at-least-once vs exactly-once, median (µs; %s)".formatted(pacing), kpoolCpu,
                        eos.rate().cpuMicrosPerTask(), "");
            }
        }
        report.print();
        return 0;
    }

    /**
     * Runs kpool's throughput rounds and apply calls with a worker in one delivery mode, on topics of its own.
     *
     * @param intervalMs the worker's kpool.transaction.interval.ms; -1 for kpool's default
     *
     * @return the throughput medians and the apply round trips
     */
    private Measured measureKpool(BenchBroker broker, String run, DeliveryGuarantee delivery, int applyCalls, long intervalMs,
                                  String throughputStep, String latencyStep) {
        PoolWorkerOptions.Builder builder = PoolWorkerOptions.builder().bootstrapServers(broker.bootstrapServers())
                .tasksTopic("bench-tasks-" + run).callbackTopic("bench-callbacks-" + run).group("bench-workers-" + run)
                .tasksPartitions(partitions).callbackPartitions(1).processes(processes).bufferSize(10_000).guarantee(delivery)
                .kafkaProperty("linger.ms", LINGER_MS).clientId("bench-worker-" + run);
        if (intervalMs >= 0) {
            builder.transactionInterval(Duration.ofMillis(intervalMs));
        }
        if (eosMaxRecords > 0) {
            builder.transactionMaxRecords(eosMaxRecords);
        }
        PoolWorkerOptions workerOptions = builder.build();
        PoolClientOptions clientOptions = PoolClientOptions.builder().bootstrapServers(broker.bootstrapServers())
                .tasksTopic("bench-tasks-" + run).callbackTopic("bench-callbacks-" + run)
                .tasksPartitions(partitions).callbackPartitions(1)
                .kafkaProperty("linger.ms", LINGER_MS).clientId("bench-client-" + run).build();
        try (PoolWorker worker = PoolWorker.start(workerOptions, TaskRegistry.installed(List.of("square")));
             Pool pool = Pool.open(clientOptions)) {
            System.out.printf("%n%s kpool pool, %s: %d round(s) of %,d square tasks with applyAsync, %d worker process(es) "
                    + "(after %,d warm-up)…%n", throughputStep, delivery.settingValue(), rounds, tasks, processes, warmup);
            gather(pool, warmup, "warm-up");
            Throughput measured = rounds(count -> gather(pool, count, "kpool " + delivery.settingValue()));
            System.out.printf("%n%s kpool apply, %s: %,d sequential calls…%n", latencyStep, delivery.settingValue(), applyCalls);
            settle();
            long[] latency = Stats.latencies(applyCalls, n -> applySquare(pool, n));
            pool.terminate();
            System.out.printf("   the worker ran %,d tasks%n", worker.completed());
            return new Measured(measured, latency, workerOptions.transactionInterval(), workerOptions.transactionMaxRecords());
        }
    }

    /** One delivery mode's figures: throughput medians and apply round trips. */
    private record Measured(Throughput rate, long[] latency, Duration interval, int maxRecords) {
    }

    /** Submits {@code count} square tasks at once and waits for every result, checking each. */
    private static long gather(Pool pool, int count, String label) {
        AtomicLong submitted = new AtomicLong();
        Progress progress = Progress.start(label + " (results in)", () -> submitted.get() - pool.pending(), count);
        try {
            return gather(pool, count, submitted);
        } finally {
            progress.close();
        }
    }

    private static long gather(Pool pool, int count, AtomicLong submitted) {
        long start = System.nanoTime();
        List<AsyncResult<Long>> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            results.add(pool.applyAsync(TaskCall.of("square", i % 1000).returning(Long.class)));
            submitted.incrementAndGet();
        }
        System.out.printf("   submitted %,d tasks in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
        for (int i = 0; i < count; i++) {
            long n = i % 1000;
            Stats.check(results.get(i).get(Duration.ofMinutes(5)) == n * n, "square(" + n + ") came back wrong");
        }
        return System.nanoTime() - start;
    }

    /**
     * Runs the throughput rounds of one pipeline, printing each, then the busiest threads over all of them.
     *
     * @param run sends that many tasks, gathers every result and returns the nanoseconds it took
     * @return the medians over the rounds
     */
    private Throughput rounds(java.util.function.IntToLongFunction run) {
        double[] rates = new double[rounds];
        double[] cpus = new double[rounds];
        var threadsBefore = CpuTime.byThread();
        for (int round = 0; round < rounds; round++) {
            settle();
            long cpu = CpuTime.process();
            rates[round] = tasks * 1e9 / run.applyAsLong(tasks);
            cpus[round] = (CpuTime.process() - cpu) / 1e3 / tasks;
            System.out.printf("   round %d/%d: %,.0f tasks/s, %.1f µs of CPU per task%n", round + 1, rounds, rates[round], cpus[round]);
        }
        double rate = Stats.median(rates);
        double cpu = Stats.median(cpus);
        System.out.printf("   median: %,.0f tasks/s, %.1f µs of CPU per task; the busiest threads over all rounds:%n", rate, cpu);
        CpuTime.printTop(threadsBefore, CpuTime.byThread(), (long) tasks * rounds);
        return new Throughput(rate, cpu);
    }

    /** One pipeline's throughput: tasks per second and CPU microseconds (whole JVM) per task. */
    private record Throughput(double tasksPerSecond, double cpuMicrosPerTask) {
    }

    /** Collects the garbage of what ran before, so no measurement pays for an earlier one's heap. */
    private static void settle() {
        System.gc();
    }

    /** One {@code apply("square", n)}, its result checked: the round trip in nanoseconds. */
    static long applySquare(Pool pool, long n) {
        long start = System.nanoTime();
        Object result = pool.apply(BenchTasks.SQUARE, n);
        long elapsed = System.nanoTime() - start;
        Stats.check(((Number) result).longValue() == n * n, "apply(square, " + n + ") returned " + result);
        return elapsed;
    }
}
