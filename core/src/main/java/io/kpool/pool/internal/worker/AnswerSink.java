package io.kpool.pool.internal.worker;

import io.kpool.core.internal.delivery.InFlight;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where the records answering a task record (results, retries, dead letters) go: sent at once
 * (at-least-once), or staged on the task record for the transaction that commits its offset (exactly-once).
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
     * @param producer the worker's producer
     * @return a sink that sends each record now
     */
    static AnswerSink sending(Producer<byte[], byte[]> producer) {
        return (entry, record, callback) -> producer.send(record, callback);
    }

    /**
     * A record too large for the producer is caught before staging ({@code ResultPublisher} splits or replaces
     * it against {@code max.request.size}); one the broker refuses aborts the transaction that carries it.
     *
     * @return a sink that stages each record on its task record; staging cannot fail
     */
    static AnswerSink staging() {
        return (entry, record, callback) -> {
            entry.stage(record);
            callback.onCompletion(null, null);
        };
    }
}
