package io.kpool.cli;

import io.kpool.core.RecordText;
import io.kpool.pool.StoredResult;
import io.kpool.pool.StoredTaskState;
import io.kpool.service.PoolCommandOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kpool inspect task ID}: the task's state record, from the state topic. */
@Command(name = "task", mixinStandardHelpOptions = true,
        description = {"Prints a task's latest state as the state topic (kpool.pool.state.topic) records it: PENDING for an "
                + "unknown or forgotten id, else STARTED, RETRY, SUCCESS (with the value), FAILURE (with the error) or EXPIRED.",
                "Exit code 0 whatever the state."})
final class InspectTask implements Callable<Integer> {
    @Mixin
    private PoolCommandOptions pool;

    @Parameters(paramLabel = "ID", description = "The task id (AsyncResult.id()).")
    private String id;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "PT0S",
            description = "Wait up to this long for the task to finish, ISO-8601. Default: ${DEFAULT-VALUE} (answer at once).")
    private Duration wait;

    @Option(names = "--json", description = "Print one JSON object.")
    private boolean json;

    @Option(names = "--forget", description = "Forget the task instead: write its tombstone (its state then reads PENDING).")
    private boolean forget;

    @Override
    public Integer call() {
        StoredResult result = StoredResult.of(pool.clientOptions("kpool-inspect"), id);
        if (forget) {
            result.forget();
            System.out.println("forgot " + RecordText.forLog(id));
            return 0;
        }
        StoredTaskState state = result.await(wait);
        if (json) {
            Output.json(System.out, fields(state));
        } else {
            fields(state).forEach((name, value) -> {
                if (value != null) {
                    System.out.printf("%-10s %s%n", name + ":", RecordText.forLog(String.valueOf(value)));
                }
            });
        }
        return 0;
    }

    private static Map<String, Object> fields(StoredTaskState state) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", state.id());
        fields.put("status", state.status().name());
        fields.put("task", state.task());
        fields.put("worker", state.worker());
        fields.put("at", state.at());
        fields.put("runMicros", state.runMicros());
        fields.put("result", state.result());
        fields.put("error", state.errorType() == null ? null : state.errorType() + ": " + state.errorMessage());
        return fields;
    }
}
