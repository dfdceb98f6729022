package io.kpool.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpool.test.kafka.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Every task record on a tasks topic, read with a plain byte-array consumer: the records that carry each task id
 * (a {@code task-batch} record counts once for each task it carries).
 */
final class TaskRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<ConsumerRecord<byte[], byte[]>>> recordsById;

    private TaskRecords(Map<String, List<ConsumerRecord<byte[], byte[]>>> recordsById) {
        this.recordsById = recordsById;
    }

    /** @return the task records on {@code topic} from its beginning to its end offsets as of now */
    static TaskRecords read(TestKafka kafka, String topic) {
        Map<String, List<ConsumerRecord<byte[], byte[]>>> recordsById = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : RawKafka.readAll(kafka, topic)) {
            Header type = record.headers().lastHeader("kpool-type");
            if (type == null || record.value() == null) {
                continue; // a poison pill or a control record
            }
            String kind = new String(type.value(), StandardCharsets.UTF_8);
            JsonNode value = parse(record.value());
            if ("task-batch".equals(kind)) {
                value.path("tasks").forEach(task -> add(recordsById, task.path("id").asText(), record));
            } else if ("task".equals(kind)) {
                add(recordsById, value.path("id").asText(), record);
            }
        }
        return new TaskRecords(recordsById);
    }

    private static void add(Map<String, List<ConsumerRecord<byte[], byte[]>>> recordsById, String id,
                            ConsumerRecord<byte[], byte[]> record) {
        recordsById.computeIfAbsent(id, key -> new ArrayList<>()).add(record);
    }

    private static JsonNode parse(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException("A task record is no JSON", e);
        }
    }

    /** @return how many records carry the task */
    int records(String id) {
        return recordsById.getOrDefault(id, List.of()).size();
    }

    /** @return the task ids carried by more than one record, with those records' offsets ({@code partition@offset}) */
    Map<String, List<String>> storedTwice() {
        Map<String, List<String>> twice = new LinkedHashMap<>();
        recordsById.forEach((id, records) -> {
            if (records.size() > 1) {
                twice.put(id, records.stream().map(record -> record.partition() + "@" + record.offset()).toList());
            }
        });
        return twice;
    }

    /** @return whether every record carrying the task holds the same bytes: one record sent again, not two tasks */
    boolean sameRecord(String id) {
        List<ConsumerRecord<byte[], byte[]>> records = recordsById.getOrDefault(id, List.of());
        return records.stream().allMatch(record -> record.partition() == records.get(0).partition()
                && Arrays.equals(record.value(), records.get(0).value()));
    }
}
