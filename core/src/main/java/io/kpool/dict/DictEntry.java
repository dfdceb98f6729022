package io.kpool.dict;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kpool.core.internal.kafka.Json;

/**
 * A {@link SharedDict} value with its version, for {@link SharedDict#compareAndSet}.
 *
 * @param value the value (a copy: changing it changes nothing in the dict)
 * @param version the offset in the dict's log of the record that last changed the key; a key that
 *     is absent has version {@link #ABSENT}
 */
public record DictEntry(JsonNode value, long version) {
    /** The version of a key that has no value. */
    public static final long ABSENT = -1;

    /**
     * @param type the class to read the value as
     * @param <T> the type
     * @return the value converted to {@code type}
     * @throws SharedDictException if the value does not have that shape
     */
    public <T> T as(Class<T> type) {
        try {
            return Json.fromTree(value, type);
        } catch (JsonProcessingException e) {
            throw new SharedDictException("Value " + value + " cannot be read as " + type.getName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
