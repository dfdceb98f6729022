package io.kpool.worker;

import io.kpool.pool.DeadTask;
import io.kpool.pool.DeadTasks;
import io.kpool.pool.PoolWorkerOptions;
import io.kpool.service.PoolCommandOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pool-worker dead-tasks}: lists the tasks in {@code <tasks topic>.DLT}, and resubmits the ones named. */
@Command(name = "dead-tasks", mixinStandardHelpOptions = true,
        description = {"Lists the tasks that failed for good (past their last attempt, or on an error that is not retried), "
                + "as they wait in <tasks topic>.DLT: one line each, 'offset id task attempts first-failure last-error'.",
                "With --resubmit, sends the named tasks back to the tasks topic as fresh tasks (attempts reset); their results "
                        + "go to the callback partition they named. The DLT keeps them: resubmitting twice runs a task twice."},
        footer = {"", "Exit codes: 0 done, 1 failed (e.g. the broker did not answer), 2 bad usage or configuration."})
final class DeadTasksCommand implements Callable<Integer> {
    @Mixin
    private PoolCommandOptions pool;

    @Option(names = "--resubmit", split = ",", paramLabel = "TASK_ID", description = "Resubmit these tasks (ids as listed).")
    private List<String> resubmit;

    @Option(names = "--timeout", defaultValue = "PT30S", paramLabel = "DURATION",
            description = "How long reading the DLT (and resubmitting) may take, ISO-8601. Default: ${DEFAULT-VALUE}.")
    private Duration timeout;

    @Override
    public Integer call() {
        PoolWorkerOptions options = pool.workerOptions("dead-tasks", null);
        if (resubmit != null) {
            List<DeadTask> sent = DeadTasks.resubmit(options, resubmit, timeout);
            sent.forEach(task -> System.out.println("resubmitted " + task.id() + " " + task.task()));
            System.out.println(sent.size() + " of " + resubmit.size() + " task(s) resubmitted to " + options.tasksTopic());
            return sent.size() == resubmit.size() ? 0 : 1;
        }
        List<DeadTask> dead = DeadTasks.list(options, timeout);
        for (DeadTask task : dead) {
            System.out.println(task.offset() + " " + task.id() + " " + task.task() + " " + task.attempts() + " " + task.firstFailureAt()
                    + " " + task.lastError());
        }
        System.out.println(dead.size() + " dead task(s) in " + options.tasksTopic() + ".DLT");
        return 0;
    }
}
