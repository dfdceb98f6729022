package io.kpool.cli;

import io.kpool.core.RecordText;
import io.kpool.pool.PoolWorkers;
import io.kpool.pool.WorkerInfo;
import io.kpool.service.PoolCommandOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kpool inspect workers}: the live members of the workers' group, as they describe themselves. */
@Command(name = "workers", mixinStandardHelpOptions = true,
        description = {"Asks every pool worker over the control topic ('<tasks topic>.control') and lists those that answer "
                + "within --timeout and are members of the workers' group now: host, pid, threads, tasks done, the task names "
                + "they run and what they run now (Celery's inspect stats/registered/active)."})
final class InspectWorkers implements Callable<Integer> {
    @Mixin
    private PoolCommandOptions pool;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT2S",
            description = "How long to collect answers, ISO-8601. Default: ${DEFAULT-VALUE}.")
    private Duration timeout;

    @Option(names = "--json", description = "Print one JSON array.")
    private boolean json;

    @Override
    public Integer call() {
        String group = pool.workerOptions("kpool-inspect", null).group();
        List<WorkerInfo> workers = PoolWorkers.inspect(pool.clientOptions("kpool-inspect"), group, timeout);
        if (json) {
            Output.json(System.out, workers);
            return 0;
        }
        System.out.println(workers.size() + " live worker(s) in group '" + group + "'");
        Output.table(System.out, List.of("WORKER", "HOST", "PID", "THREADS", "DONE", "RUNNING", "TASKS"), workers.stream()
                .map(worker -> List.of(RecordText.forLog(worker.worker()), RecordText.forLog(worker.host()), Long.toString(worker.pid()),
                        Integer.toString(worker.threads()), Long.toString(worker.completed()), Integer.toString(worker.running().size()),
                        String.join(",", worker.tasks()))).toList());
        for (WorkerInfo worker : workers) {
            for (WorkerInfo.RunningTask task : worker.running()) {
                System.out.println("  " + RecordText.forLog(worker.worker()) + " runs " + RecordText.forLog(task.task()) + "["
                        + RecordText.forLog(task.id()) + "] since " + task.startedAt());
            }
        }
        return 0;
    }
}
