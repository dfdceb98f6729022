package io.kpool.pool.internal.worker;

import io.kpool.core.DeadLetterHeaders;
import io.kpool.core.internal.delivery.InFlight;
import io.kpool.core.internal.kafka.MessageType;
import io.kpool.pool.internal.wire.PoolHeaders;
import io.kpool.pool.internal.wire.PoolTopics;
import io.kpool.pool.internal.wire.RetryTiers;
import io.kpool.pool.internal.wire.TaskWire;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Stores a failed task as a record of its own, a single task even if it came in a task batch, with its
 * reply headers and its attempt headers: a retry in its delay tier topic, a task that failed for good in
 * the tasks topic's DLT (with the {@link DeadLetterHeaders} naming where it came from and why). The
 * {@link RetryEvents} hear of it once it is stored.
 */
final class RetryRecords {
    private final AnswerSink sink;
    private final String tasksTopic;
    private final RetryEvents events;

    /**
     * @param sink where the records go: sent now, or staged for the worker's transaction
     * @param tasksTopic the tasks topic, which names the tier topics and the DLT
     * @param events told of each stored retry and dead letter
     */
    RetryRecords(AnswerSink sink, String tasksTopic, RetryEvents events) {
        this.sink = sink;
        this.tasksTopic = tasksTopic;
        this.events = events;
    }

    /**
     * @param entry the task record the task came in
     * @param outcome a RETRY or DEAD_LETTER outcome
     * @param stored called once the broker has stored the record
     * @param failed called with the topic and the exception if it could not be stored
     */
    void send(InFlight<TaskRequest> entry, TaskOutcome outcome, Runnable stored, BiConsumer<String, Exception> failed) {
        TaskRequest request = entry.value();
        boolean retry = outcome.kind() == FailurePolicy.Kind.RETRY;
        RecordHeaders headers = new RecordHeaders();
        headers.add(MessageType.HEADER, MessageType.TASK.headerValue());
        PoolHeaders.add(headers, PoolHeaders.REPLY_TOPIC, request.replyTopic());
        PoolHeaders.add(headers, PoolHeaders.REPLY_PARTITION, request.replyPartition() == null ? null : request.replyPartition().toString());
        PoolHeaders.add(headers, PoolHeaders.CORRELATION_ID, outcome.task().id());
        PoolHeaders.add(headers, PoolHeaders.CLIENT_ID, request.clientId());
        outcome.attempts().write(headers);
        String topic = retry ? RetryTiers.topic(tasksTopic, outcome.delay()) : PoolTopics.deadLetterTopic(tasksTopic);
        if (!retry) {
            add(headers, DeadLetterHeaders.SOURCE_TOPIC, tasksTopic);
            add(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(entry.partition()));
            add(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(entry.offset()));
            add(headers, DeadLetterHeaders.ERROR, "failed for good after " + outcome.attempts().attempt() + " attempt(s): "
                    + outcome.attempts().lastError());
        }
        byte[] value = TaskWire.writeTask(outcome.task(), outcome.task().submittedAt());
        sink.send(entry, new ProducerRecord<>(topic, null, outcome.task().id().getBytes(StandardCharsets.UTF_8), value, headers),
                (metadata, exception) -> {
                    if (exception != null) {
                        failed.accept(topic, exception);
                        return;
                    }
                    if (retry) {
                        events.retrying(outcome.task(), outcome.attempts(), outcome.delay());
                    } else {
                        events.deadLettered(outcome.task(), outcome.attempts(), topic);
                    }
                    stored.run();
                });
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
