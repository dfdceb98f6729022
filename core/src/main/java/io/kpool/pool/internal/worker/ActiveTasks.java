package io.kpool.pool.internal.worker;

import io.kpool.core.internal.kafka.IsoTime;
import io.kpool.pool.WorkerInfo;
import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.TaskMessage;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The tasks a worker runs now, for {@code kpool inspect workers}. */
final class ActiveTasks implements TaskEvents {
    private final Map<String, WorkerInfo.RunningTask> running = new ConcurrentHashMap<>();

    @Override
    public void started(TaskMessage task) {
        running.put(task.id(), new WorkerInfo.RunningTask(task.id(), task.task(), IsoTime.now()));
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
        return running.values().stream().sorted(Comparator.comparing(WorkerInfo.RunningTask::startedAt)).toList();
    }
}
