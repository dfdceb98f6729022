package io.kpool.bench;

import io.kpool.pool.Pool;
import io.kpool.pool.PoolWorker;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench map}: {@code pool.map("square", range(n), Long.class, chunksize)} for every chunksize, checked
 * on small and odd input sizes and timed on ITEMS items, beside Python's {@code Pool(P).map} run in the same
 * benchmark.
 */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = {"Pool.map with chunks: first checks pool.map(\"square\", range(n), Long.class, chunksize) for every CHUNKSIZE"
                + " and every n of --check-sizes (every result compared; exit code 1 on a wrong or missing one), then times it"
                + " on ITEMS items for every CHUNKSIZE (and checks those results too). Baseline, measured in the same run:"
                + " Python's multiprocessing Pool(PROCESSES).map(square, range(n), chunksize=C), if python3 is on PATH"
                + " (otherwise \"python3 not found, Python baseline skipped\"). The worker (PROCESSES threads) and the client run"
                + " in this JVM.",
                "Target: every chunksize works for any input size; kpool >= 1x Python at chunksize 1000. About 60 s at the defaults."})
final class MapBench implements Callable<Integer> {
    @Mixin
    private BrokerOption broker;

    @Option(names = "--items", defaultValue = "1000000", description = "Items of each timed map. Default: ${DEFAULT-VALUE}.")
    private int items;

    @Option(names = "--chunksizes", split = ",", defaultValue = "1,10,100,1000,10000,100000",
            description = "Chunksizes to check and time. Default: ${DEFAULT-VALUE}.")
    private List<Integer> chunksizes;

    @Option(names = "--check-sizes", split = ",", defaultValue = "1,7,1001,20011",
            description = "Input sizes checked with every chunksize (besides ITEMS). Default: ${DEFAULT-VALUE}.")
    private List<Integer> checkSizes;

    @Option(names = "--processes", defaultValue = "2", description = "Worker threads, and Python's pool size. Default: ${DEFAULT-VALUE}.")
    private int processes;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the tasks topic. Default: ${DEFAULT-VALUE}.")
    private int partitions;

    @Override
    public Integer call() throws Exception {
        Stats.requirePositive("--items", items);
        Stats.requirePositive("--processes", processes);
        chunksizes.forEach(size -> Stats.requirePositive("--chunksizes", size));
        Report report = new Report("map");
        try (BenchBroker kafka = broker.start()) {
            System.out.printf("kpool map benchmark against %s: %,d items, chunksizes %s, %d worker thread(s)%n",
                    kafka.description(), items, chunksizes, processes);
            System.out.printf("%n1/3 Python Pool(%d).map…%n", processes);
            Map<Integer, Double> python = PythonMap.run(processes, items, chunksizes);
            PoolTopics topics = new PoolTopics(kafka.bootstrapServers(), UUID.randomUUID().toString().substring(0, 8), partitions, 1);
            try (PoolWorker worker = PoolWorker.start(topics.worker(processes, "bench-map-worker"), BenchTasks.registry());
                 Pool pool = Pool.open(topics.client("bench-map-client"))) {
                System.out.printf("%n2/3 kpool map on input sizes %s with every chunksize…%n", checkSizes);
                timedMap(pool, Math.min(items, 200_000), 100); // warm-up
                for (int chunksize : chunksizes) {
                    for (int size : checkSizes) {
                        timedMap(pool, size, chunksize);
                    }
                }
                System.out.printf("   every chunksize gave every result right%n%n3/3 kpool map of %,d items…%n", items);
                for (int chunksize : chunksizes) {
                    double rate = items * 1e9 / timedMap(pool, items, chunksize);
                    System.out.printf("   chunksize %,d: %,.0f tasks/s%n", chunksize, rate);
                    report.row("map(square, %,d items, chunksize %,d), %d worker threads vs Python Pool(%d) (tasks/s)"
                            .formatted(items, chunksize, processes, processes), python.getOrDefault(chunksize, Double.NaN), rate,
                            chunksize == 1000 ? ">= 1.00" : "works");
                }
                pool.terminate();
                System.out.printf("   the worker ran %,d tasks%n", worker.completed());
            }
        }
        report.print();
        return 0;
    }

    /** Maps square over 0..n-1, checks every result, returns the nanoseconds it took. */
    private static long timedMap(Pool pool, int n, int chunksize) {
        long start = System.nanoTime();
        List<Long> results = pool.map(BenchTasks.SQUARE, range(n), Long.class, chunksize);
        long nanos = System.nanoTime() - start;
        Stats.check(results.size() == n, "map of " + n + " items with chunksize " + chunksize + " returned " + results.size());
        for (int i = 0; i < n; i++) {
            Stats.check(results.get(i) == (long) i * i, "map with chunksize " + chunksize + ": result " + i + " is " + results.get(i));
        }
        return nanos;
    }

    /** Python's {@code range(n)}: 0..n-1 without storing them. */
    static List<Integer> range(int n) {
        return new AbstractList<>() {
            @Override
            public Integer get(int index) {
                return index;
            }

            @Override
            public int size() {
                return n;
            }
        };
    }
}
