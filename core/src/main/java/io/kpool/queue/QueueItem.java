package io.kpool.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.Json;

/**
 * One item taken from a queue by {@link QueueConsumer#get}. Hand it back to
 * {@link QueueConsumer#taskDone} once it is processed.
 *
 * @param id the item's unique id (its record key)
 * @param value the item as JSON
 * @param producer the producer that put it
 * @param topic where it came from
 * @param partition its partition
 * @param offset its offset in that partition
 */
public record QueueItem(String id, JsonNode value, String producer, String topic, int partition, long offset) {

    /**
     * @return a text item as is (e.g. {@code 包子0}), any other value as its JSON
     */
    public String text() {
        return value.isTextual() ? value.textValue() : value.toString();
    }

    /**
     * @param type the class to read the item as
     * @param <T> the type
     * @return the item converted to {@code type}
     * @throws KpoolException if the item does not have that shape
     */
    public <T> T as(Class<T> type) {
        try {
            return Json.fromTree(value, type);
        } catch (JsonProcessingException e) {
            throw new KpoolException("Item " + id + " cannot be read as " + type.getName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
