package io.kpool.pool.internal.worker;

import io.kpool.core.internal.delivery.InvalidRecordException;
import io.kpool.core.internal.kafka.MessageType;
import io.kpool.pool.internal.wire.Attempts;
import io.kpool.pool.internal.wire.PoolHeaders;
import io.kpool.pool.internal.wire.TaskMessage;
import io.kpool.pool.internal.wire.TaskWire;
import java.io.IOException;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A task record as a worker sees it: its task(s) and where the result goes.
 *
 * @param id the task's id, or the batch's
 * @param messages the task, or the tasks of a task batch
 * @param batched whether the record is a task batch (answered with one result batch)
 * @param replyTopic the topic for its result; null for the worker's callback topic
 * @param replyPartition the partition for its result; null to partition by task id
 * @param clientId the submitting client, echoed on the result; may be null
 * @param attempts which attempt the record's run is (from its headers; a task batch's is always the first)
 */
record TaskRequest(String id, List<TaskMessage> messages, boolean batched, String replyTopic, Integer replyPartition, String clientId,
                   Attempts attempts) {

    /**
     * @param record a record of the tasks topic
     * @param callbackTopic where results go when the record names no reply topic
     * @param routes checks that the result can go where the record says
     * @return the request
     * @throws InvalidRecordException if the record is no valid task or task batch, or its result could never be delivered
     */
    static TaskRequest decode(ConsumerRecord<byte[], byte[]> record, String callbackTopic, ReplyRoutes routes)
            throws InvalidRecordException {
        MessageType type = MessageType.of(record.headers(), MessageType.TASK).orElse(null);
        if (type != MessageType.TASK && type != MessageType.TASK_BATCH) {
            throw new InvalidRecordException("a " + (type == null ? "record of unknown type" : "\"" + type.wireName() + "\" record") + " is no task");
        }
        boolean batched = type == MessageType.TASK_BATCH;
        String id;
        List<TaskMessage> messages;
        try {
            if (batched) {
                TaskWire.TaskBatch batch = TaskWire.readTaskBatch(record.value());
                id = batch.id();
                messages = batch.tasks();
            } else {
                TaskMessage message = TaskWire.readTask(record.value());
                id = message.id();
                messages = List.of(message);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw InvalidRecordException.of(batched ? "task batch" : "task message", e);
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
        String replyTopic = PoolHeaders.text(record.headers(), PoolHeaders.REPLY_TOPIC);
        String problem = routes.problem(replyTopic != null ? replyTopic : callbackTopic, replyPartition);
        if (problem != null) {
            throw new InvalidRecordException("its result could never be delivered: " + problem);
        }
        Attempts attempts;
        try {
            attempts = batched ? Attempts.FIRST : Attempts.read(record.headers());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(e.getMessage());
        }
        return new TaskRequest(id, messages, batched, replyTopic, replyPartition, PoolHeaders.text(record.headers(), PoolHeaders.CLIENT_ID),
                attempts);
    }
}
