package io.kpool.core.internal.delivery;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns a record into the value a {@link RecordStream} hands out, or rejects it: a rejected record
 * can never succeed and goes to the dead-letter topic at once.
 *
 * @param <T> the decoded value
 */
@FunctionalInterface
public interface RecordDecoder<T> {
    /**
     * @param record a record whose type header says it is a message (not a pill)
     * @return the decoded value
     * @throws InvalidRecordException with the reason, if the record is not a valid message
     */
    T decode(ConsumerRecord<byte[], byte[]> record) throws InvalidRecordException;
}
