package io.kpool.pool.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** Attempts travel in headers, retry options in the task, RETRY notices and attempt histories in results. */
class AttemptsWireTest {

    @Test
    void attemptsSurviveTheirHeadersAndARecordWithoutThemIsAFirstAttempt() {
        assertThat(Attempts.read(new RecordHeaders())).isEqualTo(Attempts.FIRST);
        Attempts next = Attempts.FIRST.failed("2026-11-30T10:00:00Z", "java.lang.IllegalStateException", "boom")
                .next("2026-11-30T10:00:01Z");
        RecordHeaders headers = new RecordHeaders();
        next.write(headers);
        next.write(headers); // rewriting replaces, never duplicates

        assertThat(Attempts.read(headers)).isEqualTo(next);
        assertThat(PoolHeaders.text(headers, PoolHeaders.ATTEMPT)).isEqualTo("2");
        assertThat(PoolHeaders.text(headers, PoolHeaders.LAST_ERROR)).isEqualTo("java.lang.IllegalStateException: boom");
        assertThat(PoolHeaders.text(headers, PoolHeaders.RETRY_HISTORY))
                .isEqualTo("[{\"attempt\":1,\"failedAt\":\"2026-11-30T10:00:00Z\",\"type\":\"java.lang.IllegalStateException\",\"message\":\"boom\"}]");
        assertThat(headers.headers(PoolHeaders.ATTEMPT)).hasSize(1);
    }

    @Test
    void aBadAttemptHeaderIsRefusedAndABadHistoryIsOnlyLeftOut() {
        RecordHeaders bad = new RecordHeaders();
        bad.add(PoolHeaders.ATTEMPT, "two".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Attempts.read(bad)).hasMessageContaining(PoolHeaders.ATTEMPT);
        RecordHeaders zero = new RecordHeaders();
        zero.add(PoolHeaders.ATTEMPT, "0".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Attempts.read(zero)).hasMessageContaining("at least 1");
        RecordHeaders garbled = new RecordHeaders();
        garbled.add(PoolHeaders.ATTEMPT, "3".getBytes(StandardCharsets.UTF_8));
        garbled.add(PoolHeaders.RETRY_HISTORY, "{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(Attempts.read(garbled).attempt()).isEqualTo(3);
        assertThat(Attempts.read(garbled).history()).isEmpty();
    }

    @Test
    void theHistoryKeepsTheNewestTenFailuresWithShortMessages() {
        Attempts attempts = Attempts.FIRST;
        for (int i = 1; i <= 12; i++) {
            attempts = attempts.failed("t" + i, "E", "x".repeat(600)).next("d" + i);
        }
        assertThat(attempts.attempt()).isEqualTo(13);
        assertThat(attempts.firstFailureAt()).isEqualTo("t1");
        assertThat(attempts.history()).hasSize(Attempts.MAX_HISTORY);
        assertThat(attempts.history().get(0).attempt()).isEqualTo(3);
        assertThat(attempts.history().get(0).message()).hasSize(Attempts.MAX_MESSAGE_CHARS + 1);
    }

    @Test
    void aTasksRetryOptionsTravelInItsRecordAndBadOnesAreRefused() throws IOException {
        TaskMessage task = new TaskMessage("c-1", "flaky", List.of(), Map.of(), null, null, null, null,
                new RetrySpec(3, 500L, 1.5, 60_000L, 0.0, List.of("java.io.IOException"), List.of()));
        byte[] value = TaskWire.writeTask(task, "2026-11-30T10:00:00Z");
        assertThat(new String(value, StandardCharsets.UTF_8)).contains("\"retry\":{\"max\":3,\"backoffMs\":500,\"multiplier\":1.5,"
                + "\"maxBackoffMs\":60000,\"jitter\":0.0,\"on\":[\"java.io.IOException\"],\"notOn\":[]}");
        assertThat(TaskWire.readTask(value).retry()).isEqualTo(task.retry());
        assertThat(TaskWire.readTask("{\"id\":\"a\",\"task\":\"t\",\"retry\":{\"max\":2}}".getBytes(StandardCharsets.UTF_8)).retry())
                .isEqualTo(new RetrySpec(2, null, null, null, null, null, null));
        assertThatThrownBy(() -> TaskWire.readTask("{\"id\":\"a\",\"task\":\"t\",\"retry\":{\"max\":-1}}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("\"max\" must be 0 or more");
        assertThatThrownBy(() -> TaskWire.readTask("{\"id\":\"a\",\"task\":\"t\",\"retry\":{\"on\":[1]}}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("class names");
    }

    @Test
    void aRetryNoticeAndAResultAfterRetriesCarryTheirAttempts() throws IOException {
        Attempts failed = Attempts.FIRST.failed("t1", "E", "m");
        ResultMessage notice = new ResultMessage("c-1", ResultMessage.Status.RETRY, null, new ResultMessage.Error("E", "m", null),
                "w", "s", "f", 5L, new ResultMessage.Retries(1, "2026-11-30T10:00:01Z", failed.history()));
        assertThat(ResultWire.readResults(ResultWire.writeResult(notice), false)).containsExactly(notice);
        assertThat(new String(ResultWire.writeResult(notice), StandardCharsets.UTF_8))
                .contains("\"status\":\"RETRY\"", "\"attempts\":1", "\"retryAt\":\"2026-11-30T10:00:01Z\"", "\"history\":[{\"attempt\":1");
        assertThat(Duration.ofMillis(RetryTiers.TIERS.get(1).delay().toMillis())).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryTiers.topic("tasks", Duration.ofMillis(200))).isEqualTo("tasks.retry.1s");
        assertThat(RetryTiers.topic("tasks", Duration.ofSeconds(4))).isEqualTo("tasks.retry.1s");
        assertThat(RetryTiers.topic("tasks", Duration.ofSeconds(45))).isEqualTo("tasks.retry.30s");
        assertThat(RetryTiers.topic("tasks", Duration.ofDays(1))).isEqualTo("tasks.retry.1h");
    }
}
