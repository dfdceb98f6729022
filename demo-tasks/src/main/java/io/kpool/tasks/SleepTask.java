package io.kpool.tasks;

import io.kpool.pool.Task;
import io.kpool.pool.TaskArgumentException;
import io.kpool.pool.TaskArguments;

/** {@code sleep(seconds)} → seconds: sleeps, as the seed's workers do, and returns how long. */
public final class SleepTask implements Task {
    @Override
    public String name() {
        return "sleep";
    }

    @Override
    public Object execute(TaskArguments arguments) throws InterruptedException {
        arguments.requireCount(1, 1);
        double seconds = arguments.getDouble(0);
        if (seconds < 0 || seconds > 86_400) {
            throw new TaskArgumentException("Task 'sleep' argument 0 must be between 0 and 86400 seconds, got " + seconds);
        }
        Thread.sleep((long) (seconds * 1000));
        return seconds;
    }
}
