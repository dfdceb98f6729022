package io.kpool.pool.internal.worker;

import io.kpool.core.ConnectionOptions;
import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.Json;
import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.core.internal.kafka.MessageType;
import io.kpool.pool.WorkerInfo;
import io.kpool.pool.internal.wire.PoolHeaders;
import io.kpool.pool.internal.wire.PoolTopics;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers inspect requests on the control topic ({@code <tasks topic>.control}, one partition): one thread owns a
 * consumer that reads from the end, and each {@code inspect-request} gets an {@code inspect-reply} (a
 * {@link WorkerInfo}) with the request's id as {@code kpool-correlation-id}, sent with the worker's producer.
 */
final class ControlResponder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlResponder.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final TopicPartition partition;
    private final Supplier<WorkerInfo> report;
    private final Thread thread;
    private volatile boolean running = true;

    private ControlResponder(KafkaConsumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, String topic,
                             Supplier<WorkerInfo> report, String worker) {
        this.consumer = consumer;
        this.producer = producer;
        this.partition = new TopicPartition(topic, 0);
        this.report = report;
        this.thread = new Thread(this::run, "kpool-control-" + worker);
    }

    /**
     * @param producer the worker's producer, for the replies
     * @param options where to connect, and the worker's name
     * @param tasksTopic the tasks topic whose control topic it answers on
     * @param report what the worker says about itself now
     * @return the started responder
     */
    static ControlResponder start(Producer<byte[], byte[]> producer, ConnectionOptions options, String tasksTopic,
                                  Supplier<WorkerInfo> report) {
        PoolTopics.ensureControlTopic(options, tasksTopic);
        ControlResponder responder = new ControlResponder(KafkaClients.assignedConsumer(options, "control"), producer,
                PoolTopics.controlTopic(tasksTopic), report, options.clientId());
        responder.thread.setDaemon(true);
        responder.thread.start();
        return responder;
    }

    private void run() {
        try {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (MessageType.of(record.headers(), MessageType.INSPECT_REPLY).orElse(null) == MessageType.INSPECT_REQUEST) {
                        answer(PoolHeaders.text(record.headers(), PoolHeaders.CORRELATION_ID));
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.warn("The control topic's consumer was woken up unexpectedly; inspect requests go unanswered");
            }
        } catch (KafkaException | KpoolException e) {
            LOG.warn("Inspect requests go unanswered from now on: {}", e.toString());
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void answer(String requestId) {
        if (requestId == null) {
            return;
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(MessageType.HEADER, MessageType.INSPECT_REPLY.headerValue());
        PoolHeaders.add(headers, PoolHeaders.CORRELATION_ID, requestId);
        producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), (byte[]) null, Json.write(report.get()), headers));
    }

    /** Stops answering; bounded and idempotent. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
