package io.kpool.dict.internal;

import io.kpool.dict.SharedDictException;
import io.kpool.dict.internal.fold.Operation;
import io.kpool.dict.internal.fold.OperationCodec;
import io.kpool.dict.internal.fold.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends one client's operations to the dict's log, each stamped with the writer id and the next
 * sequence number, and registers it so the fold can complete it. A send that failed with a
 * retriable error is sent again, unchanged: if the first copy did reach the log, the fold ignores the second.
 */
final class OperationWriter {
    private static final Logger LOG = LoggerFactory.getLogger(OperationWriter.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final String dictName;
    private final String writerId;
    private final PendingOperations pending;
    private final Executor resender;
    private long nextSeq;
    private volatile boolean closed;

    OperationWriter(Producer<byte[], byte[]> producer, String topic, String dictName, String writerId, PendingOperations pending,
               Executor resender) {
        this.producer = producer;
        this.resender = resender;
        this.topic = topic;
        this.dictName = dictName;
        this.writerId = writerId;
        this.pending = pending;
    }

    String writerId() {
        return writerId;
    }

    /** @return completes with the operation's outcome once this client's fold has applied it */
    CompletableFuture<Outcome> append(Operation op) {
        PendingOperations.Pending entry;
        synchronized (this) { // sequence numbers follow send order
            if (closed) {
                throw new SharedDictException("Shared dict '" + dictName + "' is closed");
            }
            Operation stamped = op.writtenBy(writerId, nextSeq++);
            entry = pending.register(stamped, OperationCodec.encode(stamped));
            send(entry);
        }
        return entry.future();
    }

    void close() {
        synchronized (this) {
            closed = true;
        }
    }

    private void send(PendingOperations.Pending entry) {
        Operation op = entry.op();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, 0, op.subject().getBytes(StandardCharsets.UTF_8), entry.bytes());
        try {
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    onSendFailure(entry, e);
                }
            });
        } catch (RuntimeException e) {
            onSendFailure(entry, e);
        }
    }

    private void onSendFailure(PendingOperations.Pending entry, Exception e) {
        Operation op = entry.op();
        if (e instanceof RetriableException && !closed && pending.isPending(op.seq()) && resend(entry)) {
            LOG.warn("Shared dict '{}': sending {} of '{}' failed ({}); sending it again", dictName, op.op().wireName(), op.subject(), e.toString());
            return;
        }
        String why = e instanceof RecordTooLargeException
                ? "the record is larger than the producer's max.request.size or the topic's max.message.bytes allow"
                : e.getMessage();
        pending.fail(op.seq(), new SharedDictException("Shared dict '" + dictName + "': cannot write " + op.op().wireName()
                + " of '" + op.subject() + "' to topic '" + topic + "': " + why, e));
    }

    /** @return false if the dict is closing; not on the producer's I/O thread, which may have to free buffer space first */
    private boolean resend(PendingOperations.Pending entry) {
        try {
            resender.execute(() -> send(entry));
            return true;
        } catch (RejectedExecutionException closing) {
            return false;
        }
    }
}
