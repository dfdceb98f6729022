package io.kpool.pool.internal.worker;

import io.kpool.pool.WorkerInfo;
import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.TaskMessage;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The tasks a worker runs now, for {@code kpool inspect workers}. */
final class ActiveTasks implements TaskEvents {
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    /** A running task; its start is formatted only when someone asks. */
    private record Running(TaskMessage task, long startedAtMillis) {
    }

    @Override
    public void started(TaskMessage task) {
        running.put(task.id(), new Running(task, System.currentTimeMillis()));
    }

    @Override
    public void succeeded(TaskMessage task, ResultMessage result, long nanos) {
        running.remove(task.id());
    }

    @Override
    public void failed(TaskMessage task, ResultMessage result, long nanos) {
        running.remove(task.id());
    }

    /** @return the running tasks, the longest-running first */
    List<WorkerInfo.RunningTask> snapshot() {
        return running.values().stream().sorted(Comparator.comparingLong(Running::startedAtMillis))
                .map(entry -> new WorkerInfo.RunningTask(entry.task().id(), entry.task().task(),
                        Instant.ofEpochMilli(entry.startedAtMillis()).toString()))
                .toList();
    }
}
