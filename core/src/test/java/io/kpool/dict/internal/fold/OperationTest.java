package io.kpool.dict.internal.fold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operations the Java client writes: flat JSON any Kafka client can write and fold. */
class OperationTest {

    @Test
    void anIncrementIsWrittenAsFlatJsonWithoutEmptyFields() {
        String json = new String(OperationCodec.encode(Operation.increment("count", -1).writtenBy("w-1", 7)), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"op\":\"increment\",\"key\":\"count\",\"delta\":-1,\"writer\":\"w-1\",\"seq\":7}");
    }

    @Test
    void everyOperationTheClientWritesReadsBackAsItself() throws InvalidRecordException {
        List<Operation> written = List.of(
                Operation.put("count", IntNode.valueOf(100)),
                Operation.putIfAbsent(" ", JsonNodeFactory.instance.objectNode().set("a", JsonNodeFactory.instance.arrayNode().add(1))),
                Operation.remove("😀 key"),
                Operation.increment("count", Long.MIN_VALUE).writtenBy("w-1", Long.MAX_VALUE),
                Operation.compareAndSet("k", -1, null),
                Operation.compareAndSet("k", 7, TextNode.valueOf("v\n\"quoted\"")).fencedBy(new Fence("L", 3)),
                Operation.acquire("L", "me", 10_000),
                Operation.renew("L", 3, 10_000),
                Operation.release("L", 3).writtenBy("w-2", 0));

        for (Operation op : written) {
            assertThat(OperationCodec.decode(OperationCodec.encode(op))).isEqualTo(op);
        }
    }

    @Test
    void anOperationMissingWhatItNeedsIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new Operation(OperationType.INCREMENT, "count", null, null, null, null, null, null, null, null, null, null))
                .hasMessageContaining("increment needs delta");
        assertThatThrownBy(() -> Operation.put("count", null)).hasMessageContaining("put needs value");
        assertThatThrownBy(() -> Operation.acquire("L", "me", 0)).hasMessageContaining("leaseMs (> 0)");
        assertThatThrownBy(() -> Operation.acquire("L", "", 10)).hasMessageContaining("owner (non-empty)");
        assertThatThrownBy(() -> Operation.release("L", -1)).hasMessageContaining("token (0 or more)");
        assertThatThrownBy(() -> Operation.increment("c", 1).writtenBy("", 1)).hasMessageContaining("\"writer\" (non-empty) and \"seq\"");
        assertThatThrownBy(() -> Operation.acquire("L", "me", 10).fencedBy(new Fence("L", 1))).hasMessageContaining("cannot carry a \"fence\"");
    }

    @Test
    void emptyKeysControlCharactersAndUnpairedSurrogatesAreRefusedClearlyButBlankKeysAreKeys() {
        assertThat(Operation.remove(" ").key()).isEqualTo(" ");
        assertThatThrownBy(() -> Operation.remove("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-empty string");
        assertThatThrownBy(() -> Operation.remove("a\u0001b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control characters").hasMessageContaining("U+0001 at index 1");
        assertThatThrownBy(() -> Operation.remove("a\ud800")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate U+D800 at index 1");
        assertThatThrownBy(() -> Operation.acquire(null, "me", 10)).hasMessageContaining("lock name must be a non-empty string");
    }

    @Test
    void aKeyHasAtMostAThousandCodePointsHoweverManyCharsJavaNeedsForThem() {
        String thousandEmoji = "😀".repeat(WireLimits.MAX_NAME_LENGTH);

        assertThat(Operation.remove(thousandEmoji).key()).hasSize(2 * WireLimits.MAX_NAME_LENGTH);
        assertThatThrownBy(() -> Operation.remove(thousandEmoji + "x")).hasMessageContaining("at most 1,000 code points")
                .hasMessageContaining("has 1,001");
    }
}
