package io.kpool.pool.internal.worker;

import io.kpool.core.RecordText;
import io.kpool.core.internal.kafka.IsoTime;
import io.kpool.core.internal.kafka.MessageType;
import io.kpool.pool.internal.wire.ResultMessage;
import io.kpool.pool.internal.wire.TaskMessage;
import io.kpool.pool.internal.wire.TaskStateMessage;
import io.kpool.pool.internal.wire.TaskStateMessage.State;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each task's state on the compacted state topic, keyed by task id: STARTED when it starts, then SUCCESS
 * with its value, FAILURE with its error, RETRY or EXPIRED. Best effort beside the result, which stays the client's
 * fast path: a state that cannot be written is logged (once) and the task goes on; a SUCCESS too large for a record
 * is written without its value.
 */
final class StatePublisher implements TaskEvents {
    private static final Logger LOG = LoggerFactory.getLogger(StatePublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final String worker;
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    /**
     * @param producer the worker's producer
     * @param topic the state topic
     * @param worker the worker's name, written on each state
     */
    StatePublisher(Producer<byte[], byte[]> producer, String topic, String worker) {
        this.producer = producer;
        this.topic = topic;
        this.worker = worker;
    }

    @Override
    public void started(TaskMessage task) {
        send(new TaskStateMessage(task.id(), task.task(), State.STARTED, worker, IsoTime.now(), null, null, null));
    }

    @Override
    public void succeeded(TaskMessage task, ResultMessage result, long nanos) {
        send(new TaskStateMessage(task.id(), task.task(), State.SUCCESS, worker, IsoTime.now(), result.result(), null, nanos / 1000));
    }

    @Override
    public void failed(TaskMessage task, ResultMessage result, long nanos) {
        send(new TaskStateMessage(task.id(), task.task(), State.FAILURE, worker, IsoTime.now(), null, result.error(), nanos / 1000));
    }

    @Override
    public void retried(TaskMessage task, ResultMessage notice) {
        send(new TaskStateMessage(task.id(), task.task(), State.RETRY, worker, IsoTime.now(), null,
                new ResultMessage.Error(notice.error().type(), notice.error().message(), null), null));
    }

    @Override
    public void expired(TaskMessage task, ResultMessage result) {
        send(new TaskStateMessage(task.id(), task.task(), State.EXPIRED, worker, IsoTime.now(), null, result.error(), null));
    }

    private void send(TaskStateMessage state) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(MessageType.HEADER, MessageType.TASK_STATE.headerValue());
        byte[] key = state.id().getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topic, null, key, state.write(), headers), (metadata, exception) -> {
            if (exception instanceof RecordTooLargeException && state.result() != null) {
                send(new TaskStateMessage(state.id(), state.task(), state.state(), state.worker(), state.at(), null,
                        new ResultMessage.Error("kpool.ResultNotStored", "the result is too large for the state topic; "
                                + "its client had it from the callback topic", null), state.runMicros()));
            } else if (exception != null && failureLogged.compareAndSet(false, true)) {
                LOG.warn("{} cannot record task states on '{}' (first failure: task {}: {}); tasks and results go on",
                        worker, topic, RecordText.forLog(state.id()), exception.toString());
            }
        });
    }
}
