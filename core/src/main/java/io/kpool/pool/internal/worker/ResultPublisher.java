package io.kpool.pool.internal.worker;

import io.kpool.core.KpoolException;
import io.kpool.core.internal.delivery.InFlight;
import io.kpool.core.internal.delivery.RecordStream;
import io.kpool.core.internal.kafka.MessageType;
import io.kpool.pool.internal.wire.PoolHeaders;
import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.ResultWire;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Publishes the answer to a task record and marks the record done once every part of the answer is
 * stored. An answer always fits: a result batch larger than a record may be is split into several
 * result batches (the client completes each task from whichever record carries it); a single result
 * that is too large is replaced by a FAILURE saying so. A failed task's retry or dead letter
 * ({@link RetryRecords}) is a part of the answer too: the task record is done only once it is stored. A record the
 * broker failed for a reason that can pass is sent again by the at-least-once sink
 * ({@link io.kpool.core.internal.kafka.Resender}); a result that can never be delivered (its topic or partition went
 * away) dead-letters the task record; a refusal that cannot pass (not authorized) is fatal to the worker, whose
 * uncommitted tasks then run again elsewhere.
 */
final class ResultPublisher {
    /** Room for a record's key, headers and framing beside its value. */
    private static final int RECORD_OVERHEAD_BYTES = 1024;

    private final AnswerSink sink;
    private final RecordStream<TaskRequest> stream;
    private final String worker;
    private final String callbackTopic;
    private final int maxValueBytes;
    private final AtomicLong completed;
    private final Consumer<Exception> fatal;
    private final RetryRecords retries;

    /**
     * @param sink where the answer's records go: sent now, or staged for the worker's transaction
     * @param stream the stream the task records came from (to mark them done or dead-letter them)
     * @param worker the worker's name, stamped on results
     * @param callbackTopic where results go unless a task names its own reply topic
     * @param maxRecordBytes the producer's {@code max.request.size}: larger answers are split before sending
     * @param completed counts the tasks whose results are stored
     * @param fatal called with a failure the worker cannot go on from
     * @param retries stores the retries and dead letters of failed tasks
     */
    ResultPublisher(AnswerSink sink, RecordStream<TaskRequest> stream, String worker, String callbackTopic,
                    int maxRecordBytes, AtomicLong completed, Consumer<Exception> fatal, RetryRecords retries) {
        this.sink = sink;
        this.stream = stream;
        this.worker = worker;
        this.callbackTopic = callbackTopic;
        this.maxValueBytes = Math.max(RECORD_OVERHEAD_BYTES, maxRecordBytes - RECORD_OVERHEAD_BYTES);
        this.completed = completed;
        this.fatal = fatal;
        this.retries = retries;
    }

    /**
     * Publishes the results (RETRY notices included) and stores each retry and dead letter; the record is
     * done once all of them are stored.
     *
     * @param entry the task record, handed out and not yet done
     * @param outcomes what became of its tasks, in their order
     * @param started when the worker started it, ISO-8601
     * @param finished when it finished, ISO-8601
     */
    void publish(InFlight<TaskRequest> entry, List<TaskOutcome> outcomes, String started, String finished) {
        Answer answer = new Answer(entry, outcomes.size());
        List<ResultMessage> results = new ArrayList<>(outcomes.size());
        for (TaskOutcome outcome : outcomes) {
            results.add(outcome.result());
            if (outcome.kind() != FailurePolicy.Kind.ANSWER_FAILURE) {
                answer.addPart();
                retries.send(entry, outcome, answer::partStored, answer::partFailed);
            }
        }
        if (entry.value().batched()) {
            sendBatch(answer, results, started, finished);
        } else {
            sendSingle(answer, results.get(0).withDefaults(worker, started, finished), false);
        }
    }

    private void sendSingle(Answer answer, ResultMessage result, boolean replaced) {
        byte[] value = ResultWire.writeResult(result);
        if (value.length > maxValueBytes && !replaced) {
            sendSingle(answer, tooLarge(result, value.length), true);
            return;
        }
        send(answer, MessageType.RESULT, value, exception -> {
            if (exception instanceof RecordTooLargeException && !replaced) {
                sendSingle(answer, tooLarge(result, value.length), true);
                return true;
            }
            return false;
        });
    }

    private void sendBatch(Answer answer, List<ResultMessage> results, String started, String finished) {
        byte[] value = ResultWire.writeResultBatch(answer.request().id(), worker, started, finished, results);
        if (value.length > maxValueBytes && results.size() > 1) {
            split(answer, results, started, finished);
            return;
        }
        if (value.length > maxValueBytes) {
            results = List.of(tooLarge(results.get(0), value.length));
            value = ResultWire.writeResultBatch(answer.request().id(), worker, started, finished, results);
        }
        List<ResultMessage> sent = results;
        send(answer, MessageType.RESULT_BATCH, value, exception -> {
            if (exception instanceof RecordTooLargeException && sent.size() > 1) {
                split(answer, sent, started, finished);
                return true;
            }
            return false;
        });
    }

    private void split(Answer answer, List<ResultMessage> results, String started, String finished) {
        int half = results.size() / 2;
        answer.addPart();
        sendBatch(answer, results.subList(0, half), started, finished);
        sendBatch(answer, results.subList(half, results.size()), started, finished);
    }

    /** Sends one part; a failure the retry handles (returns true) replaces the part, others end the answer. */
    private void send(Answer answer, MessageType type, byte[] value, java.util.function.Predicate<Exception> retry) {
        TaskRequest request = answer.request();
        RecordHeaders headers = new RecordHeaders();
        headers.add(MessageType.HEADER, type.headerValue());
        PoolHeaders.add(headers, PoolHeaders.CORRELATION_ID, request.id());
        PoolHeaders.add(headers, PoolHeaders.CLIENT_ID, request.clientId());
        PoolHeaders.add(headers, PoolHeaders.TRACEPARENT, request.traceparent());
        String topic = request.replyTopic() != null ? request.replyTopic() : callbackTopic;
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, request.replyPartition(),
                request.id().getBytes(StandardCharsets.UTF_8), value, headers);
        sink.send(answer.entry, record, (metadata, exception) -> {
            if (exception == null) {
                answer.partStored();
            } else if (!retry.test(exception)) {
                answer.partFailed(topic, exception);
            }
        });
    }

    private static ResultMessage tooLarge(ResultMessage result, int bytes) {
        return TaskRunner.rejection(result.id(), "The result of task " + result.id() + " is too large to publish: " + bytes
                + " bytes as JSON, more than a record may hold (the producer's max.request.size, the topic's max.message.bytes)");
    }

    /** The parts of one task record's answer still on their way. */
    private final class Answer {
        private final InFlight<TaskRequest> entry;
        private final int tasks;
        private final AtomicInteger pending = new AtomicInteger(1);
        private final AtomicBoolean failed = new AtomicBoolean();

        Answer(InFlight<TaskRequest> entry, int tasks) {
            this.entry = entry;
            this.tasks = tasks;
        }

        TaskRequest request() {
            return entry.value();
        }

        void addPart() {
            pending.incrementAndGet();
        }

        void partStored() {
            if (pending.decrementAndGet() == 0 && !failed.get()) {
                stream.done(entry.partition(), entry.offset());
                completed.addAndGet(tasks);
            }
        }

        void partFailed(String topic, Exception exception) {
            if (!failed.compareAndSet(false, true)) {
                return;
            }
            if (exception instanceof UnknownTopicOrPartitionException || exception instanceof InvalidTopicException
                    || exception instanceof RecordTooLargeException) {
                stream.deadLetter(entry, "its result could not be published to '" + topic + "': " + exception.getMessage());
            } else {
                fatal.accept(new KpoolException("Cannot publish the result of task " + request().id() + " to '" + topic
                        + "'; the task stays uncommitted and will run again: " + exception.getMessage(), exception));
            }
        }
    }
}
