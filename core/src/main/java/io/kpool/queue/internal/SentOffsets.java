package io.kpool.queue.internal;

import java.util.Arrays;
import java.util.Map;

/**
 * The offsets of every record a producer got acknowledged, per partition, so that {@code join}
 * can count how many of them a group's committed offsets cover. Offsets of one partition arrive in
 * ascending order (the producer's callbacks are ordered per partition), mostly one after another: they are
 * kept as runs of consecutive offsets, a few numbers per batch of records rather than one per record.
 */
final class SentOffsets {
    /** Per partition: run starts and ends (exclusive), alternating; null for a partition nothing was sent to. */
    private long[][] runs = new long[0][];
    private int[] sizes = new int[0];
    private long total;

    synchronized void add(int partition, long offset) {
        if (partition >= runs.length) {
            runs = Arrays.copyOf(runs, partition + 1);
            sizes = Arrays.copyOf(sizes, partition + 1);
        }
        long[] partitionRuns = runs[partition];
        int size = sizes[partition];
        total++;
        if (size > 0 && partitionRuns[size - 1] == offset) {
            partitionRuns[size - 1] = offset + 1; // the run goes on
            return;
        }
        if (partitionRuns == null || size == partitionRuns.length) {
            partitionRuns = partitionRuns == null ? new long[8] : Arrays.copyOf(partitionRuns, size * 2);
            runs[partition] = partitionRuns;
        }
        partitionRuns[size] = offset;
        partitionRuns[size + 1] = offset + 1;
        sizes[partition] = size + 2;
    }

    synchronized long total() {
        return total;
    }

    /**
     * @param committed the group's committed position per partition (absent: nothing committed)
     * @return how many sent records lie below their partition's committed position
     */
    synchronized long countCommitted(Map<Integer, Long> committed) {
        long count = 0;
        for (Map.Entry<Integer, Long> entry : committed.entrySet()) {
            int partition = entry.getKey();
            long position = entry.getValue();
            if (partition < 0 || partition >= runs.length || runs[partition] == null) {
                continue;
            }
            long[] partitionRuns = runs[partition];
            for (int i = 0; i < sizes[partition] && partitionRuns[i] < position; i += 2) {
                count += Math.min(partitionRuns[i + 1], position) - partitionRuns[i];
            }
        }
        return count;
    }
}
