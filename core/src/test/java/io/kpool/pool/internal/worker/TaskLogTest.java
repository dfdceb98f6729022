package io.kpool.pool.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.kpool.core.internal.kafka.Json;
import io.kpool.pool.Task;
import io.kpool.pool.TaskArguments;
import io.kpool.pool.TaskRegistry;
import io.kpool.pool.internal.wire.Attempts;
import io.kpool.pool.internal.wire.TaskMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The worker's line per finished task, and the task's MDC while it runs. */
class TaskLogTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    private final Logger logger = (Logger) LoggerFactory.getLogger(TaskLog.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final TimeLimits limits = new TimeLimits("test");
    private final AtomicReference<Map<String, String>> mdcInsideTask = new AtomicReference<>();
    private final Level before = logger.getLevel();

    private final Task boom = new Task() {
        @Override
        public String name() {
            return "boom";
        }

        @Override
        public Object execute(TaskArguments arguments) {
            mdcInsideTask.set(MDC.getCopyOfContextMap());
            if (arguments.getLong(0) < 0) {
                throw new IllegalArgumentException("negative\nforged line");
            }
            return arguments.getLong(0);
        }
    };

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
        logger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
        logger.setLevel(before);
        limits.close();
    }

    private String run(long arg, Long expiresAt) {
        TaskRunner runner = new TaskRunner(TaskRegistry.installed().with(boom), "w1", FailurePolicy.ANSWER_EVERY_FAILURE, limits,
                Duration.ZERO, Clock.fixed(NOW, ZoneOffset.UTC), new TaskLog());
        TaskMessage message = new TaskMessage("client-7-" + arg, "boom", List.of(Json.toTree(arg)), Map.of(), null, null, expiresAt, null);
        try (TaskLog.Scope scope = TaskLog.scope("client-7", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")) {
            scope.task(message);
            runner.run(message, Attempts.FIRST);
        }
        assertThat(MDC.getCopyOfContextMap()).as("the scope leaves the MDC as it found it").isNullOrEmpty();
        return lines.list.isEmpty() ? null : lines.list.get(lines.list.size() - 1).getLevel() + " "
                + lines.list.get(lines.list.size() - 1).getFormattedMessage();
    }

    @Test
    void aFailedTaskLogsOneInfoLineWithItsNameIdRunTimeAndEscapedError() {
        String line = run(-1, null);

        assertThat(lines.list).hasSize(1);
        assertThat(line).matches("INFO Task boom\\[client-7--1] failed in \\d+\\.\\d{6}s: java.lang.IllegalArgumentException: "
                + "negative\\\\u000aforged line");
    }

    @Test
    void aSucceededTaskLogsOneDebugLineAndNothingAtInfo() {
        assertThat(run(3, null)).matches("DEBUG Task boom\\[client-7-3] succeeded in \\d+\\.\\d{6}s");

        logger.setLevel(Level.INFO);
        lines.list.clear();
        run(4, null);
        assertThat(lines.list).isEmpty();
    }

    @Test
    void anExpiredTaskLogsAnInfoLine() {
        assertThat(run(5, NOW.minusSeconds(1).toEpochMilli())).startsWith("INFO Task boom[client-7-5] expired: ").contains("did not run");
        assertThat(mdcInsideTask.get()).isNull();
    }

    @Test
    void theTaskSeesItsIdNameAndClientInTheMdcAndSoDoTheWorkersLines() {
        run(6, null);

        assertThat(mdcInsideTask.get()).containsEntry(TaskLog.TASK_ID, "client-7-6").containsEntry(TaskLog.TASK, "boom")
                .containsEntry(TaskLog.CLIENT, "client-7")
                .containsEntry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(lines.list.get(0).getMDCPropertyMap()).containsEntry(TaskLog.TASK_ID, "client-7-6");
    }

    @Test
    void eachTaskOfARecordReplacesThePreviousOnesIdAndNameAndClosingLeavesNothing() {
        try (TaskLog.Scope scope = TaskLog.scope("client-7", null)) {
            scope.task(new TaskMessage("client-7-1", "square", List.of(), Map.of(), null, null, null, null));
            assertThat(MDC.get(TaskLog.TASK_ID)).isEqualTo("client-7-1");
            scope.task(new TaskMessage("client-7-2", "square", List.of(), Map.of(), null, null, null, null));
            assertThat(MDC.getCopyOfContextMap()).containsEntry(TaskLog.TASK_ID, "client-7-2").containsEntry(TaskLog.TASK, "square")
                    .containsEntry(TaskLog.CLIENT, "client-7").doesNotContainKey("traceparent");
            scope.task(new TaskMessage("client-7-3", "echo\nforged", List.of(), Map.of(), null, null, null, null));
            assertThat(MDC.get(TaskLog.TASK)).as("escaped, as every text from a record").isEqualTo("echo\\u000aforged");
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }
}
