package io.kpool.queue.internal;

import io.kpool.queue.QueueOptions;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListShareGroupOffsetsSpec;
import org.apache.kafka.common.KafkaFuture;

/**
 * {@code join} in share mode: a share group's start offset of a partition (Admin's
 * {@code listShareGroupOffsets}) is the first record not yet acknowledged for good (accepted, or rejected to the
 * dead-letter topic); every record before it is done, so it plays the part of a consumer group's commit. Its lag
 * (records not yet acknowledged for good) of 0 means every record the partition holds is done.
 */
final class ShareGroupPositions {
    private ShareGroupPositions() {
    }

    /** @return the share group's positions of the topic's partitions, when the broker answers */
    static KafkaFuture<Map<Integer, Long>> read(Admin admin, QueueOptions options) {
        return admin.listShareGroupOffsets(Map.of(options.group(), new ListShareGroupOffsetsSpec()))
                .partitionsToOffsetInfo(options.group()).thenApply(offsets -> {
                    Map<Integer, Long> positions = new HashMap<>();
                    offsets.forEach((partition, info) -> {
                        if (partition.topic().equals(options.topic()) && info != null) {
                            // lag 0: every record up to the partition's end is acknowledged for good (the start offset
                            // the broker persists can trail the last acknowledgements)
                            positions.put(partition.partition(), info.lag().orElse(-1L) == 0 ? Long.MAX_VALUE : info.startOffset());
                        }
                    });
                    return positions;
                });
    }
}
