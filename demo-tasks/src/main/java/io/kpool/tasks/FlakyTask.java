package io.kpool.tasks;

import io.kpool.pool.Task;
import io.kpool.pool.TaskArguments;

/**
 * {@code flaky(failures, value?)}: its first {@code failures} attempts throw an {@link IllegalStateException},
 * the next returns {@code value} (default {@code "ok"}). Which attempt it is comes from the task record's
 * attempt header, so it behaves the same on any worker process, after a crash or a rebalance: for
 * exercising retries.
 */
public final class FlakyTask implements Task {
    @Override
    public String name() {
        return "flaky";
    }

    @Override
    public Object execute(TaskArguments arguments) {
        arguments.requireCount(1, 2);
        long failures = arguments.getLong(0);
        if (arguments.attempt() <= failures) {
            throw new IllegalStateException("flaky: attempt " + arguments.attempt() + " of " + (failures + 1) + " fails on purpose");
        }
        return arguments.size() == 2 ? arguments.positional().get(1) : "ok";
    }
}
