package io.kpool.core.internal.delivery;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the group's commits to learn which partitions an earlier member already finished: its
 * commit went past the partition's poison pill (metadata {@value PartitionLedger#POISONED_METADATA})
 * and nothing was written after it. This is how a consumer handed such a partition still stops.
 */
final class GroupPoison {
    private GroupPoison() {
    }

    static Set<TopicPartition> poisonedByGroup(Consumer<?, ?> consumer, Collection<TopicPartition> partitions, Duration timeout) {
        if (partitions.isEmpty()) {
            return Set.of();
        }
        Set<TopicPartition> asked = new HashSet<>(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(asked, timeout);
        Map<TopicPartition, Long> ends = consumer.endOffsets(asked, timeout);
        return asked.stream().filter(partition -> {
            OffsetAndMetadata offset = committed.get(partition);
            return offset != null && PartitionLedger.POISONED_METADATA.equals(offset.metadata())
                    && offset.offset() >= ends.getOrDefault(partition, Long.MAX_VALUE);
        }).collect(Collectors.toSet());
    }

    static boolean wholeTopicPoisoned(Consumer<?, ?> consumer, String topic, Duration timeout) {
        Set<TopicPartition> all = consumer.partitionsFor(topic, timeout).stream()
                .map(info -> new TopicPartition(topic, info.partition())).collect(Collectors.toSet());
        return !all.isEmpty() && poisonedByGroup(consumer, all, timeout).equals(all);
    }
}
