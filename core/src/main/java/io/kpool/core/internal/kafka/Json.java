package io.kpool.core.internal.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The one JSON mapper kpool uses on the wire: no default typing (no class names travel, so no
 * gadget deserialisation), strict parsing, and limits on nesting and sizes so a hostile payload
 * fails fast with a clear error instead of exhausting memory.
 */
public final class Json {
    /** Deepest nesting accepted in a message. */
    public static final int MAX_NESTING_DEPTH = 100;
    /** Longest string accepted in a message (characters). */
    public static final int MAX_STRING_LENGTH = 10_000_000;
    /** Longest number accepted in a message (characters as written). */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private static final ObjectMapper MAPPER = JsonMapper.builder(new com.fasterxml.jackson.core.JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .build())
                    .build())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private static final ClassValue<JavaType> TYPES = new ClassValue<>() {
        @Override
        protected JavaType computeValue(Class<?> type) {
            return MAPPER.constructType(type);
        }
    };

    private Json() {
    }

    /**
     * @param type a class
     * @return its Jackson type, made once per class (a task call asks for one per submission)
     */
    public static JavaType typeOf(Class<?> type) {
        return TYPES.get(type);
    }

    /** @return the shared, thread-safe mapper */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** @return the factory of the mapper's tree nodes */
    public static JsonNodeFactory nodes() {
        return MAPPER.getNodeFactory();
    }

    /**
     * {@link ObjectMapper#valueToTree}, with the common scalars converted directly: the pool does
     * this for every argument and result.
     *
     * @param value any JSON-serialisable value, or null
     * @return its JSON tree; a JSON null for null
     * @throws IllegalArgumentException if the value cannot be written as JSON
     */
    public static JsonNode toTree(Object value) {
        if (value == null) {
            return nodes().nullNode();
        } else if (value instanceof JsonNode node) {
            return node;
        } else if (value instanceof Integer number) {
            return nodes().numberNode(number);
        } else if (value instanceof Long number) {
            return nodes().numberNode(number);
        } else if (value instanceof String text) {
            return nodes().textNode(text);
        } else if (value instanceof Boolean flag) {
            return nodes().booleanNode(flag);
        } else if (value instanceof Double number) {
            return nodes().numberNode(number);
        }
        JsonNode tree = MAPPER.valueToTree(value);
        return tree == null ? nodes().nullNode() : tree;
    }

    /**
     * @param values any JSON-serialisable values
     * @return their JSON trees, in order ({@link #toTree} each)
     */
    public static List<JsonNode> toTrees(Collection<?> values) {
        List<JsonNode> trees = new ArrayList<>(values.size());
        for (Object value : values) {
            trees.add(toTree(value));
        }
        return trees;
    }

    /**
     * {@link ObjectMapper#treeToValue}, with a JSON scalar read as the common scalar types directly.
     *
     * @param tree a JSON tree
     * @param type the type to read it as
     * @param <T> the type
     * @return the value
     * @throws JsonProcessingException if the tree cannot be read as that type
     */
    public static <T> T fromTree(JsonNode tree, JavaType type) throws JsonProcessingException {
        if (tree == null) {
            return fromTree(nodes().nullNode(), type);
        }
        Class<?> raw = type.getRawClass();
        Object value = null;
        if (raw == Object.class) {
            value = tree.isInt() ? Integer.valueOf(tree.intValue())
                    : tree.isLong() ? Long.valueOf(tree.longValue())
                    : tree.isTextual() ? tree.textValue()
                    : tree.isBoolean() ? Boolean.valueOf(tree.booleanValue())
                    : null;
        } else if (raw == Long.class || raw == long.class) {
            value = tree.isInt() || tree.isLong() ? Long.valueOf(tree.longValue()) : null;
        } else if (raw == Integer.class || raw == int.class) {
            value = tree.isInt() ? Integer.valueOf(tree.intValue()) : null;
        } else if (raw == String.class) {
            value = tree.isTextual() ? tree.textValue() : null;
        } else if (raw.isInstance(tree)) {
            value = tree;
        }
        @SuppressWarnings("unchecked")
        T result = (T) (value != null ? value : MAPPER.treeToValue(tree, type));
        return result;
    }

    /**
     * @param tree a JSON tree
     * @param type the class to read it as
     * @param <T> the type
     * @return the value
     * @throws JsonProcessingException if the tree cannot be read as that type
     */
    public static <T> T fromTree(JsonNode tree, Class<T> type) throws JsonProcessingException {
        return fromTree(tree, typeOf(type));
    }

    /**
     * @param value any JSON-serialisable value
     * @return its UTF-8 JSON bytes
     * @throws IllegalArgumentException if the value cannot be written as JSON
     */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Value of type " + value.getClass().getName()
                    + " cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param bytes UTF-8 JSON
     * @param type the record to read
     * @param <T> the type
     * @return the value
     * @throws IOException if the bytes are not valid JSON of that shape
     */
    public static <T> T read(byte[] bytes, Class<T> type) throws IOException {
        return MAPPER.readValue(bytes, type);
    }
}
