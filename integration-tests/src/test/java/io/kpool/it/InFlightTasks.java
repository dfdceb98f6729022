package io.kpool.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpool.test.kafka.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The tasks in flight on a pool worker: those on the partitions it owns that its group has not committed
 * (running, waiting in its buffer or on the partition, or answered and not yet committed). A worker killed
 * now leaves exactly these to run again elsewhere.
 */
final class InFlightTasks {
    private static final Pattern OWNERSHIP = Pattern.compile("(was assigned|handed back|lost) partitions \\[([0-9,]*)\\]");
    private static final ObjectMapper JSON = new ObjectMapper();

    private InFlightTasks() {
    }

    /** @return the ids of the tasks on the worker's partitions at or past the group's committed offsets */
    static Set<String> on(ServiceProcess worker, TestKafka kafka, String group, String tasksTopic) throws Exception {
        Set<String> ids = new HashSet<>();
        uncommitted(worker, kafka, group, tasksTopic).forEach(task -> ids.add(task.path("id").asText()));
        return ids;
    }

    /** @return the markers (first argument) of the {@link RecordedSleepTask}s in flight on the worker, as {@link #on} */
    static Set<String> markersOn(ServiceProcess worker, TestKafka kafka, String group, String tasksTopic) throws Exception {
        Set<String> markers = new HashSet<>();
        uncommitted(worker, kafka, group, tasksTopic).forEach(task -> markers.add(task.path("args").path(0).asText()));
        return markers;
    }

    /**
     * @return the values (each task of a task batch) on the member's partitions at or past the group's committed
     *     offsets: pool tasks, or a queue consumer's items
     */
    static List<JsonNode> uncommitted(ServiceProcess worker, TestKafka kafka, String group, String tasksTopic)
            throws Exception {
        Set<Integer> owned = ownedPartitions(worker);
        Map<TopicPartition, OffsetAndMetadata> committed = RawKafka.committed(kafka, group);
        List<JsonNode> tasks = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : RawKafka.readAll(kafka, tasksTopic)) {
            OffsetAndMetadata done = committed.get(new TopicPartition(record.topic(), record.partition()));
            if (owned.contains(record.partition()) && record.offset() >= (done == null ? 0L : done.offset())) {
                tasks.addAll(tasks(record.value()));
            }
        }
        return tasks;
    }

    /** @return the partitions a worker owns as its log tells them (cooperative rebalancing: assigned adds, handed back and lost remove) */
    private static Set<Integer> ownedPartitions(ServiceProcess worker) {
        Set<Integer> owned = new TreeSet<>();
        for (String line : worker.lines()) {
            Matcher matcher = OWNERSHIP.matcher(line);
            if (matcher.find()) {
                List<Integer> partitions = Arrays.stream(matcher.group(2).split(",")).filter(p -> !p.isEmpty())
                        .map(Integer::valueOf).toList();
                if (matcher.group(1).equals("was assigned")) {
                    owned.addAll(partitions);
                } else {
                    owned.removeAll(partitions);
                }
            }
        }
        return owned;
    }

    /** @return a task record's task, or each task of a task batch */
    static List<JsonNode> tasks(byte[] value) {
        try {
            JsonNode task = JSON.readTree(value);
            List<JsonNode> tasks = new ArrayList<>();
            if (task.path("tasks").isArray()) {
                task.path("tasks").forEach(tasks::add);
            } else {
                tasks.add(task);
            }
            return tasks;
        } catch (IOException e) {
            throw new UncheckedIOException("A record on the tasks topic is no JSON", e);
        }
    }
}
