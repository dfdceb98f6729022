package io.kpool.core.tasks;

import io.kpool.core.Task;
import io.kpool.core.TaskArguments;

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
