package io.kpool.bench;

import io.kpool.pool.Pool;
import io.kpool.pool.PoolWorker;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench latency}: sequential {@code apply} round trips with the pool idle and while another
 * client keeps half its threads busy, beside a raw-Kafka request/reply in the same conditions.
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = {"Latency under load: CALLS sequential pool.apply(\"square\", n) round trips (each result checked), p50 and"
                + " p99, first with the pool idle, then while another client keeps the pool BUSY busy: it submits"
                + " bench.sleep(LOAD_MS) at a steady rate so that on average BUSY x PROCESSES worker threads sleep (the achieved"
                + " share is printed). Baseline in the same conditions: a hand-written raw-Kafka request/reply (plain producer,"
                + " one worker thread, plain consumer), its worker idle, the machine under the same background load. Worker and"
                + " clients run in this JVM.",
                "Target on a 2-core machine, pool half busy: apply p50 <= 3 ms and p99 <= 10 ms. About 20 s at the defaults."})
final class LatencyBench implements Callable<Integer> {
    @Mixin
    private BrokerOption broker;

    @Option(names = "--calls", defaultValue = "2000", description = "Sequential apply calls per measurement. Default: ${DEFAULT-VALUE}.")
    private int calls;

    @Option(names = "--processes", defaultValue = "2", description = "The worker's threads. Default: ${DEFAULT-VALUE}.")
    private int processes;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the tasks topics. Default: ${DEFAULT-VALUE}.")
    private int partitions;

    @Option(names = "--load-ms", defaultValue = "1", description = "Duration of each background task, ms. Default: ${DEFAULT-VALUE}.")
    private int loadMs;

    @Option(names = "--busy", defaultValue = "0.5", description = "Share of the worker's threads kept busy. Default: ${DEFAULT-VALUE}.")
    private double busy;

    @Override
    public Integer call() throws Exception {
        Stats.requirePositive("--calls", calls);
        Stats.requirePositive("--processes", processes);
        Stats.requirePositive("--load-ms", loadMs);
        if (!(busy > 0 && busy < 1)) {
            throw new IllegalArgumentException("--busy must be between 0 and 1 (exclusive), got " + busy);
        }
        Report report = new Report("latency");
        try (BenchBroker kafka = broker.start()) {
            System.out.printf("kpool apply latency benchmark against %s: %,d calls, %d worker threads, %.0f%% busy with %d ms tasks%n",
                    kafka.description(), calls, processes, busy * 100, loadMs);
            String run = UUID.randomUUID().toString().substring(0, 8);
            PoolTopics topics = new PoolTopics(kafka.bootstrapServers(), run, partitions, 2);
            try (RawPipeline raw = new RawPipeline(kafka.bootstrapServers(), run, partitions);
                 PoolWorker worker = PoolWorker.start(topics.worker(processes, "bench-latency-worker"), BenchTasks.registry());
                 Pool pool = Pool.open(topics.client("bench-latency").toBuilder().replyPartition(0).build());
                 Pool loadPool = Pool.open(topics.client("bench-latency-load").toBuilder().replyPartition(1).build())) {
                System.out.println("\n1/2 idle: raw request/reply, then kpool apply…");
                long[] rawIdle = Stats.latencies(calls, raw::roundTrip);
                long[] kpoolIdle = Stats.latencies(calls, n -> PoolBench.applySquare(pool, n));
                System.out.printf("%n2/2 with the pool %.0f%% busy: raw request/reply, then kpool apply…%n", busy * 100);
                long[] rawLoaded;
                long[] kpoolLoaded;
                try (BackgroundLoad load = new BackgroundLoad(loadPool, loadMs, busy * processes)) {
                    rawLoaded = Stats.latencies(calls, raw::roundTrip);
                    kpoolLoaded = Stats.latencies(calls, n -> PoolBench.applySquare(pool, n));
                    System.out.printf("   the background client kept %.2f of %d worker threads busy on average (%.0f%%)%n",
                            load.busyThreads(), processes, load.busyThreads() / processes * 100);
                }
                String idle = "apply round trip, pool idle";
                String loaded = "apply round trip, pool %.0f%% busy".formatted(busy * 100);
                report.row(idle + ", p50 (ms)", Stats.percentileMillis(rawIdle, 50), Stats.percentileMillis(kpoolIdle, 50), "<= 3");
                report.row(idle + ", p99 (ms)", Stats.percentileMillis(rawIdle, 99), Stats.percentileMillis(kpoolIdle, 99), "<= 10");
                report.row(loaded + ", p50 (ms)", Stats.percentileMillis(rawLoaded, 50), Stats.percentileMillis(kpoolLoaded, 50), "<= 3");
                report.row(loaded + ", p99 (ms)", Stats.percentileMillis(rawLoaded, 99), Stats.percentileMillis(kpoolLoaded, 99), "<= 10");
                System.out.printf("   the worker ran %,d tasks%n", worker.completed());
                pool.terminate();
                loadPool.terminate();
            }
        }
        report.print();
        return 0;
    }
}
