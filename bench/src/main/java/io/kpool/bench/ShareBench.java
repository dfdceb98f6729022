package io.kpool.bench;

import io.kpool.core.DeliveryMode;
import io.kpool.pool.AsyncResult;
import io.kpool.pool.Pool;
import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.PoolWorker;
import io.kpool.pool.PoolWorkerOptions;
import io.kpool.pool.TaskCall;
import io.kpool.pool.TaskRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench share}: the pool in share mode beside consumer-group mode, in one run on one broker: throughput of
 * quick tasks, and the efficiency of several workers on a one-partition tasks topic with 1 ms tasks (the share
 * group's case: parallelism beyond partitions).
 */
@Command(name = "share", mixinStandardHelpOptions = true,
        description = {"Pool workers in share mode (share group) beside consumer-group mode, measured in the same run:",
                "throughput: TASKS no-op square tasks through one worker on PARTITIONS partitions, every result gathered;",
                "efficiency: SLEEPS tasks of 1 ms through WORKERS workers x PROCESSES threads on a 1-partition topic,",
                "as the share of the threads' time spent in tasks (1.0 = every thread busy all the time)."})
final class ShareBench implements Callable<Integer> {
    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT",
            description = "Kafka to measure against (4.2+). Default: an embedded kafka-local broker started for the run.")
    private String bootstrapServers;

    @Option(names = "--tasks", defaultValue = "100000", description = "Square tasks of the throughput runs. Default: ${DEFAULT-VALUE}.")
    private int tasks;

    @Option(names = "--partitions", defaultValue = "6", description = "Partitions of the throughput runs' tasks topic. Default: ${DEFAULT-VALUE}.")
    private int partitions;

    @Option(names = "--sleeps", defaultValue = "3000", description = "1 ms tasks of the efficiency runs. Default: ${DEFAULT-VALUE}.")
    private int sleeps;

    @Option(names = "--workers", defaultValue = "3", description = "Workers of the efficiency runs. Default: ${DEFAULT-VALUE}.")
    private int workers;

    @Option(names = "--processes", defaultValue = "2", description = "Threads of each worker. Default: ${DEFAULT-VALUE}.")
    private int processes;

    @Override
    public Integer call() throws Exception {
        for (int value : new int[] {tasks, partitions, sleeps, workers, processes}) {
            if (value < 1) {
                throw new IllegalArgumentException("--tasks, --partitions, --sleeps, --workers and --processes must be at least 1");
            }
        }
        try (BenchBroker broker = BenchBroker.startOrUse(bootstrapServers)) {
            System.out.println("kpool share-mode benchmark against " + broker.description());
            double[] rates = new double[2];
            double[] sleepRates = new double[2];
            double[] efficiency = new double[2];
            for (DeliveryMode mode : DeliveryMode.values()) {
                Run run = new Run(broker.bootstrapServers(), mode);
                System.out.printf("%n%s mode: %,d square tasks, 1 worker x %d threads, %d partitions…%n", mode.settingValue(), tasks,
                        processes, partitions);
                rates[mode.ordinal()] = run.throughput();
                System.out.printf("   %,.0f tasks/s%n", rates[mode.ordinal()]);
                System.out.printf("%s mode: %,d tasks of 1 ms, %d workers x %d threads, 1 partition…%n", mode.settingValue(), sleeps,
                        workers, processes);
                double seconds = run.sleeps();
                sleepRates[mode.ordinal()] = sleeps / seconds;
                efficiency[mode.ordinal()] = sleeps * 0.001 / (seconds * workers * processes);
                System.out.printf("   %.1f s: %,.0f tasks/s, efficiency %.2f%n", seconds, sleepRates[mode.ordinal()], efficiency[mode.ordinal()]);
            }
            System.out.printf("%n| measurement | consumer group | share group | share / group |%n|---|---:|---:|---:|%n");
            row("throughput: %,d square tasks, 1 worker x %d threads, %d partitions (tasks/s)".formatted(tasks, processes, partitions),
                    rates, "%,.0f");
            row("1 ms tasks on 1 partition, %d workers x %d threads (tasks/s)".formatted(workers, processes), sleepRates, "%,.0f");
            row("efficiency of those threads (time in tasks / (threads x wall time))", efficiency, "%.2f");
        }
        return 0;
    }

    private static void row(String label, double[] values, String format) {
        System.out.printf("| %s | " + format + " | " + format + " | %.2f |%n", label, values[0], values[1], values[1] / values[0]);
    }

    /** One mode's runs, each on topics and a group of its own. */
    private final class Run {
        private final String bootstrapServers;
        private final DeliveryMode mode;
        private final String id = UUID.randomUUID().toString().substring(0, 8);

        Run(String bootstrapServers, DeliveryMode mode) {
            this.bootstrapServers = bootstrapServers;
            this.mode = mode;
        }

        double throughput() {
            String name = "share-bench-" + mode.settingValue() + "-" + id;
            try (PoolWorker worker = PoolWorker.start(workerOptions(name, partitions, "w"), TaskRegistry.installed(List.of("square")));
                 Pool pool = Pool.open(clientOptions(name, partitions))) {
                gather(pool, Math.min(tasks, 10_000), n -> TaskCall.of("square", n % 1000)); // warm-up
                long nanos = gather(pool, tasks, n -> TaskCall.of("square", n % 1000));
                pool.terminate();
                System.out.printf("   the worker answered %,d tasks%n", worker.completed());
                return tasks * 1e9 / nanos;
            }
        }

        double sleeps() {
            String name = "share-bench-sleep-" + mode.settingValue() + "-" + id;
            List<PoolWorker> started = new ArrayList<>();
            try (Pool pool = Pool.open(clientOptions(name, 1))) {
                for (int i = 0; i < workers; i++) {
                    started.add(PoolWorker.start(workerOptions(name, 1, "w" + i), TaskRegistry.installed(List.of("sleep"))));
                }
                gather(pool, workers * processes, n -> TaskCall.of("sleep", 0.001)); // every worker has joined and polled
                long nanos = gather(pool, sleeps, n -> TaskCall.of("sleep", 0.001));
                pool.terminate();
                return nanos / 1e9;
            } finally {
                started.forEach(PoolWorker::close);
            }
        }

        private PoolWorkerOptions workerOptions(String name, int topicPartitions, String worker) {
            return PoolWorkerOptions.builder().bootstrapServers(bootstrapServers).tasksTopic(name + "-tasks")
                    .callbackTopic(name + "-callbacks").group(name + "-workers").tasksPartitions(topicPartitions).callbackPartitions(1)
                    .processes(processes).mode(mode).clientId(name + "-" + worker).build();
        }

        private PoolClientOptions clientOptions(String name, int topicPartitions) {
            return PoolClientOptions.builder().bootstrapServers(bootstrapServers).tasksTopic(name + "-tasks")
                    .callbackTopic(name + "-callbacks").tasksPartitions(topicPartitions).callbackPartitions(1)
                    .clientId(name + "-client").build();
        }
    }

    /** Submits {@code count} tasks at once and waits for every result. @return the nanoseconds it took */
    private static long gather(Pool pool, int count, java.util.function.IntFunction<TaskCall<Object>> call) {
        long start = System.nanoTime();
        List<AsyncResult<Object>> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            results.add(pool.applyAsync(call.apply(i)));
        }
        for (AsyncResult<Object> result : results) {
            result.get(Duration.ofMinutes(10));
        }
        return System.nanoTime() - start;
    }
}
