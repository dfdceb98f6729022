package io.kpool.pool;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Objects;

/**
 * What a live pool worker says about itself when inspected ({@link PoolWorkers#inspect}; Celery's {@code inspect
 * stats/registered/active}); also the value of its reply on the control topic.
 *
 * @param worker the worker's name (its client id, as the workers' group lists it)
 * @param host the host it runs on
 * @param pid its process id
 * @param group the workers' group it is a member of
 * @param threads its worker threads (the pool's processes)
 * @param tasks the task names it runs
 * @param running the tasks it runs now
 * @param completed tasks it has finished since it started (results stored)
 * @param expired tasks it did not run because they had expired
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkerInfo(String worker, String host, long pid, String group, int threads, List<String> tasks,
                         List<RunningTask> running, long completed, long expired) {

    /** Checks the name and copies the lists. */
    public WorkerInfo {
        Objects.requireNonNull(worker, "worker");
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        running = running == null ? List.of() : List.copyOf(running);
    }

    /**
     * A task a worker runs now.
     *
     * @param id the task's id
     * @param task its name
     * @param startedAt when it started, ISO-8601
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RunningTask(String id, String task, String startedAt) {
    }
}
