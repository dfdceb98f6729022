package io.kpool.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpool.test.kafka.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Every result on a callback topic, read with a plain byte-array consumer: which workers answered each
 * task id, one entry per result (a {@code result-batch} record counts once per result it carries), and the
 * distinct answer records that carry each one. An answer record stored twice (a worker sent it again after the broker
 * answered with an error that left open whether it was stored) holds the same bytes twice — one execution; a
 * second execution writes a record of its own (its times differ).
 */
final class CallbackResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<String>> workersById = new LinkedHashMap<>();
    private final Map<String, String> failures = new LinkedHashMap<>();
    private final Map<String, Set<ByteBuffer>> answersById = new LinkedHashMap<>();

    private CallbackResults() {
    }

    /** @return the results on {@code topic} from its beginning to its end offsets as of now */
    static CallbackResults read(TestKafka kafka, String topic) {
        CallbackResults results = new CallbackResults();
        for (ConsumerRecord<byte[], byte[]> record : RawKafka.readAll(kafka, topic)) {
            JsonNode value = parse(record.value());
            ByteBuffer answer = ByteBuffer.wrap(record.value());
            if ("result-batch".equals(type(record))) {
                String batchWorker = value.path("worker").asText();
                for (JsonNode result : value.path("results")) {
                    results.add(result, result.path("worker").asText(batchWorker), answer);
                }
            } else {
                results.add(value, value.path("worker").asText(), answer);
            }
        }
        return results;
    }

    private void add(JsonNode result, String worker, ByteBuffer answer) {
        String id = result.path("id").asText();
        workersById.computeIfAbsent(id, key -> new ArrayList<>()).add(worker);
        answersById.computeIfAbsent(id, key -> new HashSet<>()).add(answer);
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

    /** @return the executions of the task: the distinct answer records that carry its result */
    int runs(String id) {
        return answersById.getOrDefault(id, Set.of()).size();
    }

    /** @return executions beyond the first of each task id (an answer record stored twice counts once) */
    long duplicateRuns() {
        return answersById.values().stream().mapToLong(answers -> answers.size() - 1).sum();
    }

    /** @return the task ids run more than once (in distinct answer records), with the workers that answered them */
    Map<String, List<String>> runTwice() {
        Map<String, List<String>> twice = new LinkedHashMap<>();
        answersById.forEach((id, answers) -> {
            if (answers.size() > 1) {
                twice.put(id, workersById.get(id));
            }
        });
        return twice;
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
