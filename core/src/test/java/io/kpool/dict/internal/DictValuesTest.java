package io.kpool.dict.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpool.dict.SharedDictException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values become exactly the JSON every fold reads back, or are refused with the key named. */
class DictValuesTest {
    record Crawler(List<String> urls) {
    }

    @Test
    void aValueIsTheJsonItReadsBackAs() {
        JsonNode node = DictValues.toJson("crawler", Map.of("urls", List.of("https://example.com")));

        assertThat(node.toString()).isEqualTo("{\"urls\":[\"https://example.com\"]}");
        assertThat(DictValues.read("crawler", node, Crawler.class)).isEqualTo(new Crawler(List.of("https://example.com")));
    }

    @Test
    void valuesThatAreNotJsonAreRefusedNamingTheKey() {
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", List.of(cyclic));
        Object deep = List.of();
        for (int i = 0; i < DictValues.MAX_VALUE_DEPTH; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;

        assertThatThrownBy(() -> DictValues.toJson("object", new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'object'").hasMessageContaining("cannot be written as JSON");
        assertThatThrownBy(() -> DictValues.toJson("cyclic", cyclic)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cyclic'").hasMessageContaining("nesting depth");
        assertThatThrownBy(() -> DictValues.toJson("nan", Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nan'").hasMessageContaining("NaN");
        assertThatThrownBy(() -> DictValues.toJson("inf", List.of(1.0, Double.POSITIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'inf'");
        assertThatThrownBy(() -> DictValues.toJson("none", null)).hasMessageContaining("remove(key)");
        assertThatThrownBy(() -> DictValues.toJson("deep", tooDeep)).hasMessageContaining("'deep'").hasMessageContaining("deeper");
    }

    @Test
    void aValueIsRefusedBeforeItIsWrittenExactlyWhenEveryFoldWouldRejectIt() {
        Object deepest = List.of();
        for (int i = 1; i < DictValues.MAX_VALUE_DEPTH; i++) {
            deepest = List.of(deepest);
        }

        assertThat(DictValues.toJson("deepest", deepest).toString()).hasSize(2 * DictValues.MAX_VALUE_DEPTH);
        assertThat(DictValues.toJson("big", new BigInteger("9".repeat(1_000))).bigIntegerValue()).isEqualTo(new BigInteger("9".repeat(1_000)));
        assertThatThrownBy(() -> DictValues.toJson("bigger", new BigInteger("9".repeat(1_001))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bigger'").hasMessageContaining("1,001 characters");
        assertThatThrownBy(() -> DictValues.toJson("broken", List.of("a\ud800")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'broken'");
        assertThatThrownBy(() -> DictValues.toJson("huge", 1e308 * 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'huge'");
    }

    @Test
    void aValueOfTheWrongShapeFailsToReadNamingTheKey() {
        assertThatThrownBy(() -> DictValues.read("name", DictValues.toJson("name", "egon"), Integer.class))
                .isInstanceOf(SharedDictException.class).hasMessageContaining("'name'").hasMessageContaining("Integer");
    }
}
