package io.kpool.dict.internal.fold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import io.kpool.core.internal.kafka.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The wire format of a dict's operations: flat JSON any Kafka client can write and fold. */
class OperationTest {
    private static Operation read(String json) throws IOException {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), Operation.class);
    }

    @Test
    void anIncrementIsWrittenAsFlatJsonWithoutEmptyFields() {
        String json = new String(Json.write(Operation.increment("count", -1).writtenBy("w-1", 7)), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"op\":\"increment\",\"key\":\"count\",\"delta\":-1,\"writer\":\"w-1\",\"seq\":7}");
    }

    @Test
    void everyDocumentedOperationReadsBack() throws IOException {
        assertThat(read("{\"op\":\"put\",\"key\":\"count\",\"value\":100}").value()).isEqualTo(IntNode.valueOf(100));
        assertThat(read("{\"op\":\"put-if-absent\",\"key\":\"count\",\"value\":{\"a\":[1]}}").op()).isEqualTo(OperationType.PUT_IF_ABSENT);
        assertThat(read("{\"op\":\"remove\",\"key\":\"count\"}").op()).isEqualTo(OperationType.REMOVE);
        assertThat(read("{\"op\":\"compare-and-set\",\"key\":\"k\",\"version\":-1}").value()).isNull();
        assertThat(read("{\"op\":\"lock-acquire\",\"lock\":\"L\",\"owner\":\"me\",\"leaseMs\":10000}").leaseMs()).isEqualTo(10_000);
        assertThat(read("{\"op\":\"lock-renew\",\"lock\":\"L\",\"token\":3,\"leaseMs\":10000}").token()).isEqualTo(3);
        assertThat(read("{\"op\":\"lock-release\",\"lock\":\"L\",\"token\":3}").op()).isEqualTo(OperationType.LOCK_RELEASE);
        Operation fenced = read("{\"op\":\"put\",\"key\":\"k\",\"value\":\"v\",\"fence\":{\"lock\":\"L\",\"token\":3},\"extra\":true}");
        assertThat(fenced.fence()).isEqualTo(new Fence("L", 3));
    }

    @Test
    void anOperationMissingWhatItNeedsIsRejectedNamingTheField() {
        assertThatThrownBy(() -> read("{\"op\":\"increment\",\"key\":\"count\"}")).hasMessageContaining("increment needs delta");
        assertThatThrownBy(() -> read("{\"op\":\"put\",\"key\":\"count\",\"value\":null}")).hasMessageContaining("put needs value");
        assertThatThrownBy(() -> read("{\"op\":\"lock-acquire\",\"lock\":\"L\",\"leaseMs\":0,\"owner\":\"me\"}"))
                .hasMessageContaining("leaseMs (> 0)");
        assertThatThrownBy(() -> read("{\"op\":\"increment\",\"key\":\"c\",\"delta\":1,\"writer\":\"w\"}"))
                .hasMessageContaining("\"writer\" (non-empty) and \"seq\"");
    }

    @Test
    void anUnknownOperationIsRejectedNamingTheKnownOnes() {
        assertThatThrownBy(() -> read("{\"op\":\"multiply\",\"key\":\"count\"}"))
                .hasMessageContaining("unknown dict operation \"multiply\"").hasMessageContaining("increment");
    }

    @Test
    void blankKeysAndControlCharactersAreRejectedClearly() {
        assertThatThrownBy(() -> Operation.remove(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-empty string");
        assertThatThrownBy(() -> Operation.remove("a\u0001b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control characters").hasMessageContaining("U+0001 at index 1");
        assertThatThrownBy(() -> Operation.acquire(null, "me", 10)).hasMessageContaining("lock name must be a non-empty string");
    }
}
