package io.kpool.pool.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpool.core.internal.kafka.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultWireTest {
    @Test
    void resultFieldsMayComeInAnyOrderAndUnknownOnesAreIgnored() throws IOException {
        List<ResultMessage> results = ResultWire.readResults(
                "{\"results\":[{\"runMicros\":4,\"result\":9,\"status\":\"SUCCESS\",\"id\":\"a\"}],\"worker\":\"w\",\"id\":\"b\"}"
                        .getBytes(StandardCharsets.UTF_8), true);
        assertThat(results).containsExactly(new ResultMessage("a", ResultMessage.Status.SUCCESS, Json.toTree(9), null, "w", null, null, 4L));
    }

    @Test
    void aResultBatchSharesItsWorkerAndTimesAndKeepsEachOutcome() throws IOException {
        ResultMessage success = new ResultMessage("c-3", ResultMessage.Status.SUCCESS, Json.toTree(9), null, null, null, null, 2L);
        ResultMessage failure = new ResultMessage("c-4", ResultMessage.Status.FAILURE, null,
                new ResultMessage.Error("java.lang.IllegalStateException", "boom", "java.lang.IllegalStateException: boom\n\tat x"),
                null, null, null, null);
        byte[] value = ResultWire.writeResultBatch("c-3+1", "pool-worker", "2026-11-26T15:20:01.123Z", "2026-11-26T15:20:01.125Z",
                List.of(success, failure));

        List<ResultMessage> read = ResultWire.readResults(value, true);

        assertThat(read).containsExactly(
                success.withDefaults("pool-worker", "2026-11-26T15:20:01.123Z", "2026-11-26T15:20:01.125Z"),
                failure.withDefaults("pool-worker", "2026-11-26T15:20:01.123Z", "2026-11-26T15:20:01.125Z"));
    }

    @Test
    void aSingleResultIsWrittenWhole() throws IOException {
        ResultMessage result = new ResultMessage("main-7", ResultMessage.Status.SUCCESS, Json.toTree(49), null, "pool-worker",
                "2026-11-26T15:20:01.125Z", "2026-11-26T15:20:01.125Z", 3L);

        byte[] value = ResultWire.writeResult(result);

        assertThat(Json.mapper().readTree(value)).isEqualTo(Json.mapper().readTree("{\"id\":\"main-7\",\"status\":\"SUCCESS\",\"result\":49,"
                + "\"worker\":\"pool-worker\",\"startedAt\":\"2026-11-26T15:20:01.125Z\",\"finishedAt\":\"2026-11-26T15:20:01.125Z\",\"runMicros\":3}"));
        assertThat(ResultWire.readResults(value, false)).containsExactly(result);
    }

    @Test
    void aResultWithAnUnknownStatusIsRefused() {
        assertThatThrownBy(() -> ResultWire.readResults("{\"id\":\"a\",\"status\":\"MAYBE\"}".getBytes(StandardCharsets.UTF_8), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SUCCESS, FAILURE or RETRY");
    }
}
