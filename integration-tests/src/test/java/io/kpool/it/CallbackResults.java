package io.kpool.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpool.test.kafka.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Every result on a callback topic, read with a plain byte-array consumer: which workers answered each
 * task id, one entry per result (a {@code result-batch} record counts once per result it carries).
 */
final class CallbackResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<String>> workersById;
    private final Map<String, String> failures;

    private CallbackResults(Map<String, List<String>> workersById, Map<String, String> failures) {
        this.workersById = workersById;
        this.failures = failures;
    }

    /** @return the results on {@code topic} from its beginning to its end offsets as of now */
    static CallbackResults read(TestKafka kafka, String topic) {
        Map<String, List<String>> workersById = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : RawKafka.readAll(kafka, topic)) {
            JsonNode value = parse(record.value());
            if ("result-batch".equals(type(record))) {
                String batchWorker = value.path("worker").asText();
                for (JsonNode result : value.path("results")) {
                    add(workersById, failures, result, result.path("worker").asText(batchWorker));
                }
            } else {
                add(workersById, failures, value, value.path("worker").asText());
            }
        }
        return new CallbackResults(workersById, failures);
    }

    private static void add(Map<String, List<String>> workersById, Map<String, String> failures, JsonNode result, String worker) {
        String id = result.path("id").asText();
        workersById.computeIfAbsent(id, key -> new ArrayList<>()).add(worker);
        if ("FAILURE".equals(result.path("status").asText())) {
            failures.put(id, result.path("error").path("message").asText());
        }
    }

    private static String type(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader("kpool-type");
        return header == null ? "result" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode parse(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException("A record on the callback topic is no JSON", e);
        }
    }

    /** @return every result on the topic, duplicates included */
    long results() {
        return workersById.values().stream().mapToLong(List::size).sum();
    }

    /** @return task ids with at least one result */
    Set<String> answeredIds() {
        return workersById.keySet();
    }

    /** @return the task ids answered with a FAILURE, with its message */
    Map<String, String> failures() {
        return failures;
    }

    /** @return results beyond the first of each task id */
    long duplicates() {
        return results() - workersById.size();
    }

    /** @return the task ids answered more than once, with the workers that answered them */
    Map<String, List<String>> duplicated() {
        Map<String, List<String>> duplicated = new LinkedHashMap<>();
        workersById.forEach((id, workers) -> {
            if (workers.size() > 1) {
                duplicated.put(id, workers);
            }
        });
        return duplicated;
    }
}
