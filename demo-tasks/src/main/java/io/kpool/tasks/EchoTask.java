package io.kpool.tasks;

import io.kpool.pool.Task;
import io.kpool.pool.TaskArguments;

/** {@code echo(x)} → x; {@code echo(a, b, ...)} → [a, b, ...]. */
public final class EchoTask implements Task {
    @Override
    public String name() {
        return "echo";
    }

    @Override
    public Object execute(TaskArguments arguments) {
        return arguments.size() == 1 ? arguments.positional().get(0) : arguments.positional();
    }
}
