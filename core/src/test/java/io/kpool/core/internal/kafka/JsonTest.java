package io.kpool.core.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    private static final List<Object> VALUES = Arrays.asList(7, -7L, 1L << 40, "text", "", true, 2.5, null,
            new BigInteger("123456789012345678901234567890"), List.of(1, "a"), Map.of("k", List.of(1.5)));
    private static final List<JavaType> TYPES = List.of(Object.class, Long.class, long.class, Integer.class, String.class, Double.class,
                    Boolean.class, JsonNode.class, List.class)
            .stream().map(type -> Json.mapper().constructType(type)).toList();

    @Test
    void theDirectConversionsAgreeWithTheMapper() throws JsonProcessingException {
        for (Object value : VALUES) {
            JsonNode tree = Json.toTree(value);
            assertThat(tree).as("tree of %s", value).isEqualTo(mapperTree(value));
            for (JavaType type : TYPES) {
                Object expected;
                try {
                    expected = Json.mapper().treeToValue(tree, type);
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    assertThatThrownBy(() -> Json.fromTree(tree, type)).as("%s as %s", value, type).isInstanceOf(e.getClass());
                    continue;
                }
                Object actual = Json.fromTree(tree, type);
                assertThat(actual).as("%s as %s", value, type).isEqualTo(expected);
                if (expected != null) {
                    assertThat(actual).as("%s as %s", value, type).hasSameClassAs(expected);
                }
            }
        }
    }

    @Test
    void aMissingTreeReadsAsJsonNull() throws JsonProcessingException {
        assertThat(Json.<Long>fromTree(null, Json.mapper().constructType(Long.class))).isNull();
        assertThat(Json.<List<Integer>>fromTree(Json.toTree(List.of(1, 2)), Json.mapper().getTypeFactory()
                .constructType(new TypeReference<List<Integer>>() { }))).containsExactly(1, 2);
    }

    private static JsonNode mapperTree(Object value) {
        JsonNode tree = Json.mapper().valueToTree(value);
        return tree == null ? Json.nodes().nullNode() : tree;
    }
}
