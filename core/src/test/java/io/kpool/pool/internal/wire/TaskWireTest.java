package io.kpool.pool.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpool.core.internal.kafka.Json;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskWireTest {
    private static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aTaskComesBackAsWrittenWithAnyKindOfArgument() throws IOException {
        List<JsonNode> args = List.of(Json.toTree(7), Json.toTree(1L << 40), Json.toTree("包子"), Json.toTree(1.5),
                Json.toTree(new BigInteger("123456789012345678901234567890")), json("{\"a\":[1,{\"b\":null}]}"), Json.toTree(null),
                Json.toTree(true));
        TaskMessage task = new TaskMessage("c-1", "echo", args, Map.of("k", Json.toTree("v")), null, null);

        TaskMessage read = TaskWire.readTask(TaskWire.writeTask(task, "2026-11-26T15:20:01.123Z"));

        assertThat(read).isEqualTo(task.withSubmittedAt("2026-11-26T15:20:01.123Z"));
        assertThat(Json.mapper().readTree(TaskWire.writeTask(task, null)))
                .isEqualTo(json("{\"id\":\"c-1\",\"task\":\"echo\",\"args\":[7,1099511627776,\"包子\",1.5,123456789012345678901234567890,"
                        + "{\"a\":[1,{\"b\":null}]},null,true],\"kwargs\":{\"k\":\"v\"}}"));
    }

    @Test
    void aChunkCarriesItsArgumentListsInBatch() throws IOException {
        TaskMessage chunk = new TaskMessage("c-2", "square", null, null, List.of(List.of(Json.toTree(1)), List.of(Json.toTree(2))), null);

        TaskMessage read = TaskWire.readTask(TaskWire.writeTask(chunk, null));

        assertThat(read.batch()).containsExactly(List.of(Json.toTree(1)), List.of(Json.toTree(2)));
        assertThat(read.args()).isEmpty();
    }

    @Test
    void aTaskBatchSharesItsSubmissionTimeWithEveryTask() throws IOException {
        List<TaskMessage> tasks = List.of(new TaskMessage("c-3", "square", List.of(Json.toTree(3)), null, null, null),
                new TaskMessage("c-4", "echo", List.of(Json.toTree("x")), null, null, "2026-11-26T15:20:00.000Z"));
        byte[] value = TaskWire.writeTaskBatch("c-3+1", tasks, "2026-11-26T15:20:01.123Z");

        TaskWire.TaskBatch read = TaskWire.readTaskBatch(value);

        assertThat(read.id()).isEqualTo("c-3+1");
        assertThat(read.tasks()).extracting(TaskMessage::id).containsExactly("c-3", "c-4");
        assertThat(read.tasks()).extracting(TaskMessage::submittedAt)
                .containsExactly("2026-11-26T15:20:01.123Z", "2026-11-26T15:20:00.000Z");
        assertThat(Json.mapper().readTree(value).path("tasks").get(0).has("submittedAt")).as("written once, at the batch level").isFalse();
    }

    @Test
    void taskFieldsMayComeInAnyOrderAndUnknownOnesAreIgnored() throws IOException {
        TaskMessage task = TaskWire.readTask(bytes("{\"args\":[2],\"extra\":{\"deep\":[1,[2]]},\"task\":\"square\",\"id\":\"k1\"}"));
        assertThat(task.id()).isEqualTo("k1");
        assertThat(task.task()).isEqualTo("square");
        assertThat(task.args()).containsExactly(Json.toTree(2));

        TaskWire.TaskBatch batch = TaskWire.readTaskBatch(bytes(
                "{\"tasks\":[{\"id\":\"a\",\"task\":\"square\"}],\"id\":\"b\",\"submittedAt\":\"2026-11-26T15:20:01.123Z\"}"));
        assertThat(batch.tasks()).extracting(TaskMessage::submittedAt).containsExactly("2026-11-26T15:20:01.123Z");
    }

    @Test
    void malformedTasksFailWithAMessageSayingWhatIsWrong() {
        assertThatThrownBy(() -> TaskWire.readTask(bytes("{\"id\":5,\"task\":\"square\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"id\" must be a string, got a number");
        assertThatThrownBy(() -> TaskWire.readTask(bytes("{\"task\":\"square\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no \"id\"");
        assertThatThrownBy(() -> TaskWire.readTask(bytes("{\"id\":\"a\",\"task\":\"square\",\"args\":3}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"args\" as an array");
        assertThatThrownBy(() -> TaskWire.readTask(bytes("[1]")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected a task message, got an array");
        assertThatThrownBy(() -> TaskWire.readTask(bytes("{\"id\":\"a\",\"task\":\"square\"} {}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after the message");
        assertThatThrownBy(() -> TaskWire.readTask(bytes("{\"id\":\"a\",")))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> TaskWire.readTask(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no value");
        assertThatThrownBy(() -> TaskWire.readTaskBatch(bytes("{\"id\":\"b\",\"tasks\":[]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one task");
    }

    @Test
    void nestingBeyondTheLimitIsRefused() {
        String deep = "[".repeat(Json.MAX_NESTING_DEPTH + 5) + "]".repeat(Json.MAX_NESTING_DEPTH + 5);
        assertThatThrownBy(() -> TaskWire.readTask(bytes("{\"id\":\"a\",\"task\":\"echo\",\"args\":[" + deep + "]}")))
                .isInstanceOf(IOException.class).hasMessageContaining("nesting depth");
    }

    @Test
    void expiryAndTimeLimitTravelAndExpiryReadsWhatCommonClientsWrite() throws IOException {
        TaskMessage task = new TaskMessage("c-5", "echo", List.of(), Map.of(), null, null, 1_764_497_730_123L, 250L);
        TaskMessage read = TaskWire.readTask(TaskWire.writeTask(task, null));
        assertThat(read.expiresAt()).isEqualTo(1_764_497_730_123L);
        assertThat(read.timeLimitMs()).isEqualTo(250L);

        String prefix = "{\"id\":\"a\",\"task\":\"echo\",\"expiresAt\":";
        assertThat(TaskWire.readTask(bytes(prefix + "\"2026-11-30T10:15:30Z\"}")).expiresAt()).isEqualTo(1_796_033_730_000L);
        assertThat(TaskWire.readTask(bytes(prefix + "\"2026-11-30T11:15:30+01:00\"}")).expiresAt()).isEqualTo(1_796_033_730_000L);
        assertThat(TaskWire.readTask(bytes(prefix + "\"2026-11-30T10:15:30.000000\"}")).expiresAt())
                .as("Python's zone-less isoformat(), read as UTC").isEqualTo(1_796_033_730_000L);
        assertThat(TaskWire.readTask(bytes(prefix + "1764497730000}")).expiresAt()).isEqualTo(1_764_497_730_000L);
        assertThat(TaskWire.readTask(bytes(prefix + "null}")).expiresAt()).isNull();
        assertThatThrownBy(() -> TaskWire.readTask(bytes(prefix + "\"tomorrow\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"expiresAt\"");
        assertThatThrownBy(() -> TaskWire.readTask(bytes(prefix + "1.5}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"expiresAt\"");
        assertThatThrownBy(() -> TaskWire.readTask(bytes(prefix + "\"+1000000000-01-01T00:00:00Z\"}")))
                .as("a time ISO-8601 allows beyond what epoch milliseconds hold")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"expiresAt\"");
        assertThatThrownBy(() -> TaskWire.readTask(bytes(prefix + "\"+999999999-12-31T23:59:59\"}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"expiresAt\"");
        assertThatThrownBy(() -> TaskWire.readTask(bytes("{\"id\":\"a\",\"task\":\"echo\",\"timeLimitMs\":0}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeLimitMs");
    }
}
