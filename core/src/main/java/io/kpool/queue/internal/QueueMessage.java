package io.kpool.queue.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The value of a queue item record as the producer writes it: {@code {"id", "item", "producer", "sentAt"}}
 * (consumers read records with {@link KafkaQueueConsumer#decode}, which accepts what foreign clients write).
 *
 * @param id unique id of the item (the record key)
 * @param item the item itself, any JSON value but null
 * @param producer who put it
 * @param sentAt when it was put; may be absent from foreign clients
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QueueMessage(String id, JsonNode item, String producer, Instant sentAt) {

    /** Rejects a message that no consumer could use. */
    public QueueMessage {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("queue message has no \"id\"");
        }
        if (item == null || item.isNull() || item.isMissingNode()) {
            throw new IllegalArgumentException("queue message " + id + " has no \"item\" (null is not an item; poison pills are a header)");
        }
        producer = producer == null ? "" : producer;
    }
}
