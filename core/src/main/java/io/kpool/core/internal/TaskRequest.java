package io.kpool.core.internal;

import java.io.IOException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A task record as a worker sees it: the message and where its result goes.
 *
 * @param message the task
 * @param replyTopic the topic for its result; null for the worker's callback topic
 * @param replyPartition the partition for its result; null to partition by task id
 * @param clientId the submitting client, echoed on the result; may be null
 */
record TaskRequest(TaskMessage message, String replyTopic, Integer replyPartition, String clientId) {

    static TaskRequest decode(ConsumerRecord<byte[], byte[]> record) throws InvalidRecordException {
        TaskMessage message;
        try {
            message = Json.read(record.value(), TaskMessage.class);
        } catch (IOException | IllegalArgumentException e) {
            throw InvalidRecordException.of("task message", e);
        }
        String partition = PoolHeaders.text(record.headers(), PoolHeaders.REPLY_PARTITION);
        Integer replyPartition = null;
        if (partition != null) {
            try {
                replyPartition = Integer.valueOf(partition.trim());
            } catch (NumberFormatException e) {
                throw new InvalidRecordException("header " + PoolHeaders.REPLY_PARTITION + " must be a partition number, got '" + partition + "'");
            }
        }
        return new TaskRequest(message, PoolHeaders.text(record.headers(), PoolHeaders.REPLY_TOPIC), replyPartition,
                PoolHeaders.text(record.headers(), PoolHeaders.CLIENT_ID));
    }
}
