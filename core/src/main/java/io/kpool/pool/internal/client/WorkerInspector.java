package io.kpool.pool.internal.client;

import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.Json;
import io.kpool.core.internal.kafka.KafkaClients;
import io.kpool.core.internal.kafka.MessageType;
import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.WorkerInfo;
import io.kpool.pool.internal.wire.PoolHeaders;
import io.kpool.pool.internal.wire.PoolTopics;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One inspect round over the control topic: read from its end, send a request, collect the replies for a while,
 * and keep those of workers that are members of the workers' group now (the others have left or are not workers
 * of this pool).
 */
public final class WorkerInspector {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(15);

    private WorkerInspector() {
    }

    /**
     * @param options where to connect and the tasks topic
     * @param group the workers' group
     * @param timeout how long to collect replies
     * @return the live workers that answered, by name, then host and pid
     */
    public static List<WorkerInfo> inspect(PoolClientOptions options, String group, Duration timeout) {
        Set<String> members = members(options, group);
        return answers(options, timeout).stream().filter(info -> members.contains(info.worker()))
                .sorted(Comparator.comparing(WorkerInfo::worker).thenComparing(WorkerInfo::host).thenComparingLong(WorkerInfo::pid))
                .toList();
    }

    /**
     * @param options where to connect and the tasks topic
     * @param timeout how long to collect replies
     * @return the replies of every worker that answered, live or leaving; empty if no worker has ever created the
     *     control topic
     */
    static List<WorkerInfo> answers(PoolClientOptions options, Duration timeout) {
        String requestId = options.clientId() + "-" + UUID.randomUUID();
        TopicPartition control = new TopicPartition(PoolTopics.controlTopic(options.tasksTopic()), 0);
        Map<String, WorkerInfo> replies = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.assignedConsumer(options.connection(), "inspect");
             KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(options.connection(), "inspect")) {
            if (!exists(options, control.topic())) {
                return List.of(); // no worker has ever started on this tasks topic
            }
            consumer.assign(List.of(control));
            consumer.seekToEnd(List.of(control));
            consumer.position(control, CLIENT_TIMEOUT);
            RecordHeaders headers = new RecordHeaders();
            headers.add(MessageType.HEADER, MessageType.INSPECT_REQUEST.headerValue());
            PoolHeaders.add(headers, PoolHeaders.CORRELATION_ID, requestId);
            producer.send(new ProducerRecord<>(control.topic(), control.partition(), (byte[]) null,
                    Json.write(Map.of("id", requestId, "command", "workers")), headers)).get(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (requestId.equals(PoolHeaders.text(record.headers(), PoolHeaders.CORRELATION_ID))
                            && MessageType.of(record.headers(), MessageType.INSPECT_REQUEST).orElse(null) == MessageType.INSPECT_REPLY) {
                        WorkerInfo info = read(record.value());
                        if (info != null) {
                            replies.put(info.worker() + "@" + info.host() + "#" + info.pid(), info);
                        }
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new KpoolException("Cannot send an inspect request to '" + control.topic() + "': " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new KpoolException("Cannot send an inspect request to '" + control.topic() + "': " + noAnswer(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpoolException("Interrupted while inspecting the workers", e);
        }
        return List.copyOf(replies.values());
    }

    /** Asked through the admin client: a consumer's metadata request could create the topic. */
    private static boolean exists(PoolClientOptions options, String topic) throws InterruptedException, ExecutionException,
            TimeoutException {
        try (Admin admin = KafkaClients.admin(options.connection())) {
            return admin.listTopics().names().get(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS).contains(topic);
        }
    }

    private static String noAnswer() {
        return "no answer from the broker in " + CLIENT_TIMEOUT.toSeconds() + " s (is Kafka running at the configured bootstrap.servers?)";
    }

    private static WorkerInfo read(byte[] value) {
        try {
            return value == null ? null : Json.read(value, WorkerInfo.class);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            return null; // not a reply of a kpool worker
        }
    }

    /** @return the client ids of the group's members now */
    private static Set<String> members(PoolClientOptions options, String group) {
        try (Admin admin = KafkaClients.admin(options.connection())) {
            return admin.describeConsumerGroups(List.of(group)).all().get(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(group)
                    .members().stream().map(MemberDescription::clientId).collect(Collectors.toSet());
        } catch (ExecutionException e) {
            throw new KpoolException("Cannot describe the workers' group '" + group + "': " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new KpoolException("Cannot describe the workers' group '" + group + "': " + noAnswer(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpoolException("Interrupted while describing the workers' group", e);
        }
    }
}
