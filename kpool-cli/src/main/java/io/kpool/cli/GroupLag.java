package io.kpool.cli;

import io.kpool.core.KpoolException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * A consumer group's lag on one topic, per partition: the records after its committed offset (after the
 * partition's first offset where it has committed nothing yet).
 *
 * @param group the consumer group
 * @param topic the topic
 * @param partition the partition
 * @param committed the group's committed offset; null if it has committed none
 * @param end the partition's end offset
 * @param lag records not yet committed
 */
record GroupLag(String group, String topic, int partition, Long committed, long end, long lag) {
    private static final long TIMEOUT_SECONDS = 15;

    /**
     * @param admin an admin client
     * @param group the consumer group
     * @param topic the topic it consumes
     * @return one entry per partition of the topic, in partition order; empty if the topic does not exist
     */
    static List<GroupLag> of(Admin admin, String group, String topic) throws InterruptedException {
        try {
            Optional<Integer> partitions = partitions(admin, topic);
            if (partitions.isEmpty()) {
                return List.of();
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<TopicPartition> all = new ArrayList<>();
            for (int p = 0; p < partitions.get(); p++) {
                all.add(new TopicPartition(topic, p));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = offsets(admin, all, OffsetSpec.latest());
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = offsets(admin, all, OffsetSpec.earliest());
            List<GroupLag> lags = new ArrayList<>();
            for (TopicPartition partition : all) {
                OffsetAndMetadata offset = committed.get(partition);
                long end = ends.get(partition).offset();
                long from = offset != null ? offset.offset() : starts.get(partition).offset();
                lags.add(new GroupLag(group, topic, partition.partition(), offset == null ? null : offset.offset(), end,
                        Math.max(0, end - from)));
            }
            return lags;
        } catch (ExecutionException e) {
            throw new KpoolException("Cannot read the offsets of group '" + group + "' on '" + topic + "': "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KpoolException("Cannot read the offsets of group '" + group + "': no answer from the broker in "
                    + TIMEOUT_SECONDS + " s (is Kafka running at the configured bootstrap.servers?)", e);
        }
    }

    private static Optional<Integer> partitions(Admin admin, String topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(topic).partitions().size());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets(Admin admin, List<TopicPartition> partitions,
            OffsetSpec spec) throws InterruptedException, ExecutionException, TimeoutException {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec))).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
