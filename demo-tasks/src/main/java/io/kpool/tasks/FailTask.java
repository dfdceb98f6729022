package io.kpool.tasks;

import io.kpool.pool.Task;
import io.kpool.pool.TaskArguments;

/** {@code fail(message?)}: always throws an {@link IllegalStateException}, for testing error paths. */
public final class FailTask implements Task {
    @Override
    public String name() {
        return "fail";
    }

    @Override
    public Object execute(TaskArguments arguments) {
        arguments.requireCount(0, 1);
        throw new IllegalStateException(arguments.size() == 0 ? "failed on purpose" : arguments.getString(0));
    }
}
