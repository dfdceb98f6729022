package io.kpool.pool.internal.worker;

import io.kpool.core.internal.delivery.InFlight;
import io.kpool.core.internal.kafka.RecordLimits;
import io.kpool.core.internal.kafka.Resender;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Where the records answering a task record (results, retries, dead letters) go: sent at once, and again while
 * the broker fails them ({@link Resender}, at-least-once), or staged on the task record for the transaction
 * that commits its offset (exactly-once).
 */
@FunctionalInterface
interface AnswerSink {

    /**
     * @param entry the task record being answered
     * @param record one record of its answer
     * @param callback told once the record is stored (at-least-once) or staged (exactly-once; no metadata)
     */
    void send(InFlight<TaskRequest> entry, ProducerRecord<byte[], byte[]> record, Callback callback);

    /**
     * @param resender sends with the worker's producer, and again while the broker fails a record
     * @return a sink that sends each record now
     */
    static AnswerSink sending(Resender resender) {
        return (entry, record, callback) -> resender.send(record, callback);
    }

    /**
     * A record larger than its topic takes ({@link RecordLimits}: the producer's {@code max.request.size}, the
     * topic's {@code max.message.bytes}) is not staged: its callback gets a {@link RecordTooLargeException}, as
     * the broker's refusal would reach it at least once, so {@code ResultPublisher} splits or replaces a result
     * and a retry or dead task that cannot fit dead-letters its task record (cut to fit). Staged, it would abort
     * the transaction carrying it, and every later one.
     *
     * @param limits how large a record may be on each topic
     * @return a sink that stages each record that fits on its task record
     */
    static AnswerSink staging(RecordLimits limits) {
        return (entry, record, callback) -> {
            if (!limits.fits(record)) {
                callback.onCompletion(null, new RecordTooLargeException("A record of " + RecordLimits.upperBound(record)
                        + " bytes or more for '" + record.topic() + "' is larger than it takes (" + limits.limit(record.topic())
                        + " bytes: max.request.size, the topic's max.message.bytes)"));
                return;
            }
            entry.stage(record);
            callback.onCompletion(null, null);
        };
    }
}
