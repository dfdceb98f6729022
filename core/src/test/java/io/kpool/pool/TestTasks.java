package io.kpool.pool;

/**
 * The tasks core's tests run on in-JVM workers, installed through this module's test
 * {@code META-INF/services/io.kpool.pool.Task} (kpool's demo tasks live in a module core cannot depend on).
 * {@code square}, {@code sleep}, {@code echo} and {@code fail} behave as the demo tasks of those names do
 * for the arguments the tests give; {@code opt-in} is not enabled by default.
 */
public final class TestTasks {
    private TestTasks() {
    }

    /** {@code square(n)} → n², for an integer n. */
    public static final class SquareTask extends Named {
        /** For ServiceLoader. */
        public SquareTask() {
            super("square", true, arguments -> {
                arguments.requireCount(1, 1);
                return Math.multiplyExact(arguments.getLong(0), arguments.getLong(0));
            });
        }
    }

    /** {@code sleep(seconds)} → seconds. */
    public static final class SleepTask extends Named {
        /** For ServiceLoader. */
        public SleepTask() {
            super("sleep", true, arguments -> {
                arguments.requireCount(1, 1);
                Thread.sleep((long) (arguments.getDouble(0) * 1000));
                return arguments.getDouble(0);
            });
        }
    }

    /** {@code echo(x)} → x; {@code echo(a, b, ...)} → [a, b, ...]. */
    public static final class EchoTask extends Named {
        /** For ServiceLoader. */
        public EchoTask() {
            super("echo", true, arguments -> arguments.size() == 1 ? arguments.positional().get(0) : arguments.positional());
        }
    }

    /** {@code fail(message)}: throws an {@link IllegalStateException} with that message. */
    public static final class FailTask extends Named {
        /** For ServiceLoader. */
        public FailTask() {
            super("fail", true, arguments -> {
                throw new IllegalStateException(arguments.getString(0));
            });
        }
    }

    /** {@code opt-in()} → "selected": a task a worker runs only where it is selected by name. */
    public static final class OptInTask extends Named {
        /** For ServiceLoader. */
        public OptInTask() {
            super("opt-in", false, arguments -> "selected");
        }
    }

    /** A task's body. */
    @FunctionalInterface
    interface Body {
        Object run(TaskArguments arguments) throws Exception;
    }

    /** A task made of a name, whether it is enabled by default, and a body. */
    abstract static class Named implements Task {
        private final String name;
        private final boolean enabledByDefault;
        private final Body body;

        Named(String name, boolean enabledByDefault, Body body) {
            this.name = name;
            this.enabledByDefault = enabledByDefault;
            this.body = body;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean enabledByDefault() {
            return enabledByDefault;
        }

        @Override
        public Object execute(TaskArguments arguments) throws Exception {
            return body.run(arguments);
        }
    }
}
