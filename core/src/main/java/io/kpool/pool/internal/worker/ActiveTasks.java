package io.kpool.pool.internal.worker;

import io.kpool.pool.WorkerInfo;
import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.TaskMessage;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The tasks a worker runs now, for {@code kpool inspect workers}. A worker thread runs one task at a time, so
 * each thread has a slot of its own that only it writes (no shared map on the path of every task); a snapshot
 * reads every slot.
 */
final class ActiveTasks implements TaskEvents {
    private final Queue<Slot> slots = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Slot> slot = ThreadLocal.withInitial(this::newSlot);

    /** A running task; its start is formatted only when someone asks. */
    private record Running(TaskMessage task, long startedAtMillis) {
    }

    /** The task one worker thread runs now, or null. */
    private static final class Slot {
        private volatile Running running;
    }

    private Slot newSlot() {
        Slot created = new Slot();
        slots.add(created);
        return created;
    }

    @Override
    public void started(TaskMessage task) {
        slot.get().running = new Running(task, System.currentTimeMillis());
    }

    @Override
    public void succeeded(TaskMessage task, ResultMessage result, long nanos) {
        slot.get().running = null;
    }

    @Override
    public void failed(TaskMessage task, ResultMessage result, long nanos) {
        slot.get().running = null;
    }

    @Override
    public void retried(TaskMessage task, ResultMessage notice) {
        slot.get().running = null;
    }

    /** @return the running tasks, the longest-running first */
    List<WorkerInfo.RunningTask> snapshot() {
        return slots.stream().map(each -> each.running).filter(Objects::nonNull)
                .sorted(Comparator.comparingLong(Running::startedAtMillis))
                .map(entry -> new WorkerInfo.RunningTask(entry.task().id(), entry.task().task(),
                        Instant.ofEpochMilli(entry.startedAtMillis()).toString()))
                .toList();
    }
}
