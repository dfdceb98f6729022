package io.kpool.bench;

import io.kpool.pool.PoolWorker;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench worker}: a pool worker process of {@code bench scale}, running square, bench.sleep and
 * bench.burn. It prints "worker ready" once started and stops (finishing its tasks, committing) when
 * its standard input closes, so it never outlives the benchmark that started it.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, hidden = true,
        description = {"A pool worker process of 'bench scale' (square, bench.sleep, bench.burn); stops when its stdin closes."})
final class WorkerCommand implements Callable<Integer> {
    @Option(names = {"-b", "--bootstrap-servers"}, required = true, paramLabel = "HOST:PORT", description = "The broker.")
    private String bootstrapServers;

    @Option(names = "--run", required = true, description = "The run id naming topics and group.")
    private String run;

    @Option(names = "--partitions", defaultValue = "8", description = "Tasks topic partitions. Default: ${DEFAULT-VALUE}.")
    private int partitions;

    @Option(names = "--clients", defaultValue = "1", description = "Callback topic partitions. Default: ${DEFAULT-VALUE}.")
    private int clients;

    @Option(names = "--processes", defaultValue = "2", description = "Worker threads. Default: ${DEFAULT-VALUE}.")
    private int processes;

    @Option(names = "--name", defaultValue = "bench-worker", description = "Worker name. Default: ${DEFAULT-VALUE}.")
    private String name;

    @Override
    public Integer call() throws IOException {
        PoolTopics topics = new PoolTopics(bootstrapServers, run, partitions, clients);
        try (PoolWorker worker = PoolWorker.start(topics.worker(processes, name), BenchTasks.registry())) {
            System.out.println("worker ready");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the benchmark to close our stdin
            }
            worker.close(Duration.ofSeconds(10));
            System.out.printf("worker %s ran %d tasks%n", name, worker.completed());
        }
        return 0;
    }
}
