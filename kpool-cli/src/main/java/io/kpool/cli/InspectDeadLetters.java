package io.kpool.cli;

import io.kpool.core.DeadLetterHeaders;
import io.kpool.core.KpoolConfig;
import io.kpool.core.KpoolSettings;
import io.kpool.core.RecordText;
import io.kpool.service.ConnectionMixin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kpool inspect dlt}: the dead letters of the tasks topic (or another), with where they came from and why. */
@Command(name = "dlt", mixinStandardHelpOptions = true,
        description = "Prints the last --max dead letters of '<tasks topic>.DLT' (or --topic): when, from where, the error "
                + "and the start of the record's value (escaped).")
final class InspectDeadLetters implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Mixin
    private ConnectionMixin connection;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "The dead-letter topic. Default: '<kpool.pool.tasks.topic>.DLT'.")
    private String topic;

    @Option(names = "--max", paramLabel = "N", defaultValue = "20", description = "How many, the latest. Default: ${DEFAULT-VALUE}.")
    private int max;

    @Option(names = "--json", description = "Print one JSON array.")
    private boolean json;

    /**
     * One dead letter.
     *
     * @param partition its partition in the dead-letter topic
     * @param offset its offset there
     * @param at when it was dead-lettered, ISO-8601
     * @param sourceTopic the topic it came from
     * @param sourcePartition the partition it came from
     * @param sourceOffset its offset there
     * @param error why it was dead-lettered
     * @param value the start of its value, escaped
     */
    record DeadLetter(int partition, long offset, String at, String sourceTopic, String sourcePartition, String sourceOffset,
                      String error, String value) {
    }

    @Override
    public Integer call() {
        if (max < 1) {
            throw new IllegalArgumentException("--max must be at least 1, got " + max);
        }
        KpoolSettings settings = connection.load(Map.of());
        String dlt = topic != null ? topic : settings.get(KpoolConfig.POOL_TASKS_TOPIC) + ".DLT";
        Deque<DeadLetter> latest = new ArrayDeque<>();
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(settings)) {
            List<PartitionInfo> infos = consumer.partitionsFor(dlt, TIMEOUT);
            List<TopicPartition> partitions = infos == null ? List.of()
                    : infos.stream().map(info -> new TopicPartition(dlt, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            while (partitions.stream().anyMatch(p -> consumer.position(p, TIMEOUT) < ends.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    latest.addLast(letter(record));
                    if (latest.size() > max) {
                        latest.removeFirst();
                    }
                }
            }
        }
        List<DeadLetter> letters = new ArrayList<>(latest);
        if (json) {
            Output.json(System.out, letters);
        } else {
            System.out.println(letters.size() + " dead letter(s) shown from '" + dlt + "'");
            Output.table(System.out, List.of("AT", "SOURCE", "ERROR", "VALUE"), letters.stream().map(letter -> List.of(letter.at(),
                    letter.sourceTopic() + "/" + letter.sourcePartition() + "@" + letter.sourceOffset(),
                    letter.error(), letter.value())).toList());
        }
        return 0;
    }

    private static DeadLetter letter(ConsumerRecord<byte[], byte[]> record) {
        return new DeadLetter(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()).toString(),
                header(record, DeadLetterHeaders.SOURCE_TOPIC), header(record, DeadLetterHeaders.SOURCE_PARTITION),
                header(record, DeadLetterHeaders.SOURCE_OFFSET), header(record, DeadLetterHeaders.ERROR),
                record.value() == null ? "null" : RecordText.quote(new String(record.value(), StandardCharsets.UTF_8)));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? "-" : RecordText.forLog(new String(header.value(), StandardCharsets.UTF_8));
    }
}
