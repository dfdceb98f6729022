package io.kpool.it;

import io.kpool.pool.Task;
import io.kpool.pool.TaskArguments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code recorded-sleep(marker, seconds)} → marker: appends "marker start-epoch-ms" to the file named by the
 * worker's {@value #LOG_VARIABLE} environment variable as it starts, then sleeps. Every execution leaves a
 * line, also one cut off by SIGKILL, so a test counts executions, not just results. {@link WorkerTasks}
 * installs it in pool-worker processes; it runs only where {@code --tasks} names it.
 */
public final class RecordedSleepTask implements Task {
    static final String NAME = "recorded-sleep";
    static final String LOG_VARIABLE = "IT_EXECUTION_LOG";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabledByDefault() {
        return false;
    }

    @Override
    public Object execute(TaskArguments arguments) throws InterruptedException {
        arguments.requireCount(2, 2);
        String marker = arguments.getString(0);
        double seconds = arguments.getDouble(1);
        String file = System.getenv(LOG_VARIABLE);
        if (file == null) {
            throw new IllegalStateException("Task '" + NAME + "' needs the environment variable " + LOG_VARIABLE);
        }
        append(Path.of(file), marker + " " + System.currentTimeMillis() + "\n");
        Thread.sleep((long) (seconds * 1000));
        return marker;
    }

    private static synchronized void append(Path file, String line) {
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record an execution in " + file, e);
        }
    }
}
