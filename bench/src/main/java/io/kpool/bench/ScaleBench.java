package io.kpool.bench;

import io.kpool.pool.Pool;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench scale}: throughput with 1, 2 and 4 worker processes (separate JVMs) on one tasks topic,
 * for tasks that sleep and tasks that burn CPU, as efficiency = measured / ideal; then many clients at once.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"Scale-out: WORKERS worker processes (separate JVMs: this jar started again as 'bench worker', PROCESSES"
                + " threads each) on one tasks topic; for each count, tasks that sleep TASK_MS (bench.sleep) and tasks that burn"
                + " TASK_MS of CPU (bench.burn), as many as the ideal rate does in SECONDS, all submitted at once by one client,"
                + " every result checked. Efficiency = measured / ideal, ideal = threads x 1000/TASK_MS per second for sleeping"
                + " tasks and min(threads, CPU cores) x 1000/TASK_MS for burning ones. A sleep takes longer than asked (about"
                + " 1.1 ms for 1 ms on Linux): the mean of a TASK_MS sleep on PROCESSES threads of this JVM is measured before"
                + " each sleeping run and a second row gives the ideal it allows. Each count starts with a warm-up of the"
                + " sleeping task itself.",
                "Then, with the most workers running, CLIENTS clients at once (separate Pools on threads of this JVM, each its own"
                        + " reply partition) submit CLIENT_TASKS square tasks each with applyAsync: tasks/s and each task's latency"
                        + " (submission to result) p50/p99, beside one client alone.",
                "Target: efficiency >= 0.9 for sleeping tasks. About 70 s at the defaults (workers join the group within a few"
                        + " heartbeats, 5 s apart on a default broker)."})
final class ScaleBench implements Callable<Integer> {
    @Mixin
    private BrokerOption broker;

    @Option(names = "--workers", split = ",", defaultValue = "1,2,4", description = "Worker process counts, ascending. Default: ${DEFAULT-VALUE}.")
    private List<Integer> workerCounts;

    @Option(names = "--processes", defaultValue = "2", description = "Threads per worker process. Default: ${DEFAULT-VALUE}.")
    private int processes;

    @Option(names = "--partitions", defaultValue = "8", description = "Partitions of the tasks topic. Default: ${DEFAULT-VALUE}.")
    private int partitions;

    @Option(names = "--task-ms", defaultValue = "1", description = "How long each task sleeps or burns, ms. Default: ${DEFAULT-VALUE}.")
    private int taskMs;

    @Option(names = "--seconds", defaultValue = "3", description = "Ideal duration of each measurement. Default: ${DEFAULT-VALUE}.")
    private int seconds;

    @Option(names = "--clients", defaultValue = "8", description = "Clients at once (0 skips). Default: ${DEFAULT-VALUE}.")
    private int clients;

    @Option(names = "--client-tasks", defaultValue = "10000", description = "Tasks per client. Default: ${DEFAULT-VALUE}.")
    private int clientTasks;

    @Option(names = "--worker-jvm-option", paramLabel = "OPTION",
            description = "An option for the worker JVMs, e.g. -XX:StartFlightRecording=filename=w.jfr (repeatable).")
    private List<String> workerJvmOptions = List.of();

    @Override
    public Integer call() throws Exception {
        Stats.requirePositive("--processes", processes);
        Stats.requirePositive("--task-ms", taskMs);
        Stats.requirePositive("--seconds", seconds);
        Stats.requirePositive("--client-tasks", clientTasks);
        Report report = new Report("scale");
        int cores = Runtime.getRuntime().availableProcessors();
        try (BenchBroker kafka = broker.start()) {
            System.out.printf("kpool scale-out benchmark against %s: %s worker process(es) x %d threads, %d ms tasks%n",
                    kafka.description(), workerCounts, processes, taskMs);
            PoolTopics topics = new PoolTopics(kafka.bootstrapServers(), UUID.randomUUID().toString().substring(0, 8), partitions,
                    Math.max(1, clients));
            try (WorkerProcesses workers = new WorkerProcesses(topics, processes, workerJvmOptions);
                 Pool pool = Pool.open(topics.client("bench-scale-client"))) {
                for (int count : workerCounts) {
                    System.out.printf("%n%d worker process(es): starting…%n", count);
                    workers.scaleTo(count);
                    GroupReady.await(kafka.bootstrapServers(), topics.group(), count, partitions);
                    // the measured task itself: the client learns its real cost, as under a steady load (a sleep(0)
                    // warm-up taught it "quick", and it packed the first burst of sleep(1) a hundred to a record)
                    Gather.run(pool, BenchTasks.SLEEP, taskMs, 1000 * count, "warm-up");
                    int threads = count * processes;
                    double slept = SleepTime.meanMillis(taskMs, processes, 300);
                    System.out.printf("   a %d ms sleep takes %.3f ms here (mean of %d threads x 300)%n", taskMs, slept, processes);
                    double rate = efficiency(report, pool, BenchTasks.SLEEP, count, threads * 1000.0 / taskMs, ">= 0.90");
                    report.row("bench.sleep(%d ms), %d worker JVM(s): ideal from the real sleep (threads x 1000 / %.3f ms, measured"
                            .formatted(taskMs, count, slept) + " just before) vs measured (tasks/s)", threads * 1000.0 / slept, rate, "");
                    efficiency(report, pool, BenchTasks.BURN, count, Math.min(threads, cores) * 1000.0 / taskMs, "");
                }
                if (clients > 0) {
                    manyClients(report, topics, workers.count());
                }
            }
        }
        report.print();
        return 0;
    }

    /** @return the measured rate, tasks/s */
    private double efficiency(Report report, Pool pool, String task, int workers, double ideal, String target) {
        int count = (int) (ideal * seconds);
        double rate = count * 1e9 / Gather.run(pool, task, taskMs, count, task);
        System.out.printf("   %s(%d ms) on %d worker(s): %,.0f tasks/s, ideal %,.0f: efficiency %.2f%n", task, taskMs, workers, rate, ideal,
                rate / ideal);
        report.row("%s(%d ms), %d worker JVM(s) x %d threads: ideal vs measured (tasks/s); ratio = efficiency"
                .formatted(task, taskMs, workers, processes), ideal, rate, target);
        return rate;
    }

    private void manyClients(Report report, PoolTopics topics, int workers) throws InterruptedException {
        System.out.printf("%n1 client alone, %,d square tasks…%n", clientTasks);
        ManyClients one = ManyClients.run(topics, 1, clientTasks);
        System.out.printf("%n%d clients at once, %,d square tasks each…%n", clients, clientTasks);
        ManyClients many = ManyClients.run(topics, clients, clientTasks);
        String shape = "%d worker JVM(s) x %d threads, 1 client vs %d clients x %,d applyAsync".formatted(workers, processes, clients, clientTasks);
        report.row("square, " + shape + " (tasks/s)", one.tasksPerSecond(), many.tasksPerSecond(), "");
        report.row("square, " + shape + ": task latency p50 (ms)", Stats.percentileMillis(one.latencies(), 50),
                Stats.percentileMillis(many.latencies(), 50), "");
        report.row("square, " + shape + ": task latency p99 (ms)", Stats.percentileMillis(one.latencies(), 99),
                Stats.percentileMillis(many.latencies(), 99), "");
    }
}
