package io.kpool.queue.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpool.core.internal.kafka.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueueMessageTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aWrittenMessageIsTheReadmesJsonAndReadsBack() throws IOException {
        QueueMessageWriter writer = new QueueMessageWriter("p \"包\"\n");
        for (Object item : List.of(7, -7, 1L << 40, Long.MIN_VALUE, "包子0\"\u0001", true, 2.5, Map.of("n", List.of(1, "x")), List.of())) {
            byte[] value = writer.write("1", Json.toTree(item), "2026-11-26T15:20:01.123Z");
            JsonNode tree = Json.read(value, JsonNode.class);
            assertThat(tree.size()).isEqualTo(4);
            assertThat(tree.get("id").textValue()).isEqualTo("p \"包\"\n-1");
            assertThat(tree.get("item")).isEqualTo(Json.toTree(item));
            assertThat(tree.get("producer").textValue()).isEqualTo("p \"包\"\n");
            assertThat(tree.get("sentAt").textValue()).isEqualTo("2026-11-26T15:20:01.123Z");
            QueueMessage.Fields fields = QueueMessage.Fields.read(value);
            assertThat(fields.item()).isEqualTo(Json.toTree(item));
            assertThat(fields.id().textValue()).isEqualTo("p \"包\"\n-1");
            byte[] plain = new QueueMessageWriter("bench-queue").write("12", Json.toTree(item), "2026-11-26T15:20:01.123Z");
            assertThat(QueueMessage.Fields.read(plain)).isEqualTo(new QueueMessage.Fields(Json.nodes().textNode("bench-queue-12"),
                    Json.toTree(item), Json.nodes().textNode("bench-queue")));
        }
    }

    @Test
    void theWriterWritesTheReadmesShape() {
        byte[] value = new QueueMessageWriter("producer-包子").write("0", Json.toTree("包子0"), "2026-11-26T15:20:01.123Z");
        assertThat(new String(value, StandardCharsets.UTF_8)).isEqualTo(
                "{\"id\":\"producer-包子-0\",\"item\":\"包子0\",\"producer\":\"producer-包子\",\"sentAt\":\"2026-11-26T15:20:01.123Z\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"id\":\"a\",\"item\":1}",
            "{\"item\":-9223372036854775808,\"id\":\"a\",\"producer\":null}",
            "{\"id\":\"a\",\"item\":123456789012345678901234567890}",
            "{\"id\":\"a\",\"item\":1.5e3,\"sentAt\":1764497730}",
            "{\"id\":7,\"item\":\"x\",\"id\":\"last wins\"}",
            "{\"id\":\"a\",\"item\":{\"n\":[1,{\"m\":null}]},\"extra\":[[[]]],\"sentAt\":\"2026-11-30T10:15:30.123456\"}",
            "{\"id\":\"\\u5305\",\"item\":\"\\ud83d\\ude00\",\"producer\":{}}",
            "{}"})
    void fieldsAreTheNodesATreeReadingHas(String json) throws IOException {
        JsonNode tree = Json.read(utf8(json), JsonNode.class);
        QueueMessage.Fields fields = QueueMessage.Fields.read(utf8(json));
        assertThat(fields.id()).isEqualTo(tree.get("id"));
        assertThat(fields.item()).isEqualTo(tree.get("item"));
        assertThat(fields.producer()).isEqualTo(tree.get("producer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"id\":\"p-0\",\"item\":0,\"producer\":\"p\",\"sentAt\":\"2026-11-26T15:20:01.123Z\"}",
            "{\"id\":\"p-1\",\"item\":-0,\"producer\":\"p\",\"sentAt\":\"\"}",
            "{\"id\":\"p-2\",\"item\":2147483647,\"producer\":\"\",\"sentAt\":\"x\"}",
            "{\"id\":\"p-3\",\"item\":-2147483649,\"producer\":\"p\",\"sentAt\":\"x\"}",
            "{\"id\":\" \",\"item\":999999999999999999,\"producer\":\"p\",\"sentAt\":\"x\"}",
            "{\"id\":\"p-4\",\"item\":\"text ~!@#$%^&*()\",\"producer\":\"p\",\"sentAt\":\"x\"}",
            "{\"id\":\"\",\"item\":\"\",\"producer\":\"p\",\"sentAt\":\"x\"}"})
    void theProducersShapeIsReadWithoutAParserAsAParserReadsIt(String json) throws IOException {
        assertThat(ProducerShape.read(utf8(json))).isNotNull();
        fieldsAreTheNodesATreeReadingHas(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"id\":\"p-0\",\"item\":01,\"producer\":\"p\",\"sentAt\":\"x\"}",
            "{\"id\":\"p-0\",\"item\":1.5,\"producer\":\"p\",\"sentAt\":\"x\"}",
            "{\"id\":\"p-0\",\"item\":1e3,\"producer\":\"p\",\"sentAt\":\"x\"}",
            "{\"id\":\"p-0\",\"item\":-,\"producer\":\"p\",\"sentAt\":\"x\"}",
            "{\"id\":\"p-0\",\"item\":1234567890123456789,\"producer\":\"p\",\"sentAt\":\"x\"}",
            "{\"id\":\"p\\u0030\",\"item\":1,\"producer\":\"p\",\"sentAt\":\"x\"}",
            "{\"id\":\"包\",\"item\":1,\"producer\":\"p\",\"sentAt\":\"x\"}",
            "{\"id\":\"p-0\",\"item\":1,\"producer\":\"p\",\"sentAt\":\"x\"} ",
            "{\"id\":\"p-0\",\"item\":1,\"producer\":\"p\",\"sentAt\":\"x\",\"id\":\"q\"}",
            "{\"id\":\"p-0\", \"item\":1,\"producer\":\"p\",\"sentAt\":\"x\"}",
            "{\"id\":\"p-0\",\"item\":1,\"producer\":\"p\",\"sentAt\":\"x\"",
            "{\"id\":\"p-0\",\"item\":1,\"producer\":\"p\"}"})
    void anythingElseIsLeftToTheParser(String json) throws IOException {
        assertThat(ProducerShape.read(utf8(json))).isNull();
        try {
            fieldsAreTheNodesATreeReadingHas(json);
        } catch (IOException invalid) {
            assertThatThrownBy(() -> QueueMessage.Fields.read(utf8(json))).isInstanceOf(IOException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":\"a\",\"item\":1} x", "{\"id\":\"a\",\"item\":1}{}", "{\"id\":\"a\",\"item\":1", "{\"id\":\"a\",\"item\":NaN}",
            "{\"id\":\"a\",\"item\":1,\"x\":\"\\ud83d\"", "{\"id\":\"a\" \"item\":1}"})
    void whatIsNoValidJsonObjectIsRefusedAsByATreeReading(String json) {
        assertThatThrownBy(() -> Json.read(utf8(json), JsonNode.class)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> QueueMessage.Fields.read(utf8(json))).isInstanceOf(IOException.class);
    }

    @Test
    void theLimitsHoldInFieldsNobodyReads() {
        String deep = "[".repeat(Json.MAX_NESTING_DEPTH) + "]".repeat(Json.MAX_NESTING_DEPTH);
        assertThatThrownBy(() -> QueueMessage.Fields.read(utf8("{\"id\":\"a\",\"item\":1,\"extra\":" + deep + "}")))
                .isInstanceOf(IOException.class).hasMessageContaining("nesting");
        String longNumber = "1".repeat(Json.MAX_NUMBER_LENGTH + 1);
        assertThatThrownBy(() -> QueueMessage.Fields.read(utf8("{\"id\":\"a\",\"item\":1,\"extra\":" + longNumber + "}")))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aValueThatIsNoObjectIsLeftToTheTreeReading() throws IOException {
        assertThat(QueueMessage.Fields.read(utf8("[1,2]"))).isNull();
        assertThat(QueueMessage.Fields.read(utf8("null"))).isNull();
        assertThat(QueueMessage.Fields.read(new byte[0])).isNull();
    }

    @Test
    void sentAtIsAnIsoInstantOfThisMillisecond() {
        QueueMessageWriter.Clock clock = new QueueMessageWriter.Clock();
        Instant before = Instant.ofEpochMilli(System.currentTimeMillis());
        Instant sentAt = Instant.parse(clock.now());
        assertThat(sentAt).isBetween(before, Instant.now());
    }
}
