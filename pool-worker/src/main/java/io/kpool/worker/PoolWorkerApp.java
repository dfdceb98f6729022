package io.kpool.worker;

import io.kpool.pool.Pool;
import io.kpool.pool.PoolWorker;
import io.kpool.pool.PoolWorkerOptions;
import io.kpool.pool.TaskRegistry;
import io.kpool.service.GracefulShutdown;
import io.kpool.service.HeartbeatFile;
import io.kpool.service.PoolCommandOptions;
import io.kpool.service.ServiceCommand;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pool-worker}: the seed's {@code Pool(4)} as a service. Runs {@code --processes} worker
 * threads on the tasks topic and publishes each task's result to the callback topic.
 */
@Command(name = "pool-worker", mixinStandardHelpOptions = true, version = "kpool pool-worker 0.1.0",
        description = {"Runs kpool tasks: takes them from the tasks topic as a member of the workers' group, runs them on "
                + "--processes threads, and publishes each result to the callback partition its client reads. "
                + "Start more instances to scale out.",
                "Tasks are Java classes found with ServiceLoader (META-INF/services/io.kpool.pool.Task): put a jar on the "
                        + "classpath to add yours. This jar installs square, sleep, echo, fail and flaky, which run by default, and "
                        + "http.get, which fetches any URL it is given and so runs only where --tasks names it, "
                        + "e.g. --tasks square,sleep,echo,fail,http.get.",
                "Failed tasks with retries (TaskCall.retries, or kpool.pool.task.retries) wait in the delay-tier topics "
                        + "<tasks topic>.retry.<tier>, which every worker also consumes; tasks that failed for good wait in "
                        + "<tasks topic>.DLT: 'pool-worker dead-tasks' lists and resubmits them.",
                "SIGTERM: stops taking tasks, lets running ones finish (--grace), commits, leaves the group, exits 0."},
        subcommands = DeadTasksCommand.class,
        footer = {"", "Environment: KAFKA_BOOTSTRAP_SERVERS, any KAFKA_<PROPERTY> (e.g. KAFKA_MAX_POLL_INTERVAL_MS), "
                + "any KPOOL_<SETTING> (e.g. KPOOL_POOL_TASKS_TOPIC), KPOOL_CONFIG_FILE.",
                "Exit codes: 0 stopped cleanly, 1 failed, 2 bad usage or configuration."})
public final class PoolWorkerApp implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(PoolWorkerApp.class);

    @Mixin
    private PoolCommandOptions pool;

    @Option(names = {"-n", "--name"}, defaultValue = "pool-worker", description = "This worker's name in logs and results. Default: ${DEFAULT-VALUE}.")
    private String name;

    @Option(names = {"-P", "--processes"}, paramLabel = "N",
            description = "Worker threads (the pool's processes); 0 = one per CPU core. Default: kpool.pool.processes (0).")
    private Integer processes;

    @Option(names = "--grace", defaultValue = "PT60S", paramLabel = "DURATION",
            description = "On SIGTERM, how long running tasks may take to finish, ISO-8601. Default: ${DEFAULT-VALUE}.")
    private Duration grace;

    @Option(names = "--tasks", split = ",", paramLabel = "NAME",
            description = "The tasks this worker runs, exactly these (an unknown name is an error, exit code 2). "
                    + "Default: every installed task that is enabled by default; http.get must be listed explicitly.")
    private List<String> tasks;

    /** @param args the command line */
    public static void main(String[] args) {
        ServiceCommand.main(new PoolWorkerApp(), args);
    }

    @Override
    public Integer call() {
        PoolWorkerOptions options = pool.workerOptions(name, processes);
        TaskRegistry registry = tasks == null ? TaskRegistry.installed() : TaskRegistry.installed(tasks);
        GracefulShutdown shutdown = GracefulShutdown.install(name, grace.plusSeconds(15));
        try (PoolWorker worker = PoolWorker.start(options, registry); HeartbeatFile heartbeat = HeartbeatFile.fromSystemProperty()) {
            boolean failed = false;
            while (!shutdown.isRequested() && !failed) {
                heartbeat.beat(); // for a container's health check, while the worker runs
                failed = worker.awaitStop(Duration.ofMillis(200)); // stops by itself only on a fatal error
            }
            worker.close(grace);
            if (failed) {
                LOG.error("{} stopped after a fatal error", name);
                return ServiceCommand.FAILED;
            }
            return 0;
        } finally {
            shutdown.finished();
        }
    }
}
