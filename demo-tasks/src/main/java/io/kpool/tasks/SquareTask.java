package io.kpool.tasks;

import io.kpool.pool.Task;
import io.kpool.pool.TaskArguments;

/** {@code square(n)} → n²: the seed's {@code work(n)} without the sleep. Integers stay integers. */
public final class SquareTask implements Task {
    @Override
    public String name() {
        return "square";
    }

    @Override
    public Object execute(TaskArguments arguments) {
        arguments.requireCount(1, 1);
        if (arguments.positional().get(0).isIntegralNumber()) {
            return Math.multiplyExact(arguments.getLong(0), arguments.getLong(0));
        }
        double n = arguments.getDouble(0);
        return n * n;
    }
}
