package io.kpool.queue.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The offsets of every record a producer got acknowledged, per partition, so that {@code join}
 * can count how many of them a group's committed offsets cover. Offsets of one partition arrive in
 * ascending order (the producer's callbacks are ordered per partition).
 */
final class SentOffsets {
    private final Map<Integer, long[]> offsets = new HashMap<>();
    private final Map<Integer, Integer> sizes = new HashMap<>();
    private long total;

    synchronized void add(int partition, long offset) {
        int size = sizes.getOrDefault(partition, 0);
        long[] array = offsets.computeIfAbsent(partition, p -> new long[64]);
        if (size == array.length) {
            array = Arrays.copyOf(array, size * 2);
            offsets.put(partition, array);
        }
        array[size] = offset;
        sizes.put(partition, size + 1);
        total++;
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
        for (Map.Entry<Integer, long[]> entry : offsets.entrySet()) {
            Long position = committed.get(entry.getKey());
            if (position != null) {
                int index = Arrays.binarySearch(entry.getValue(), 0, sizes.get(entry.getKey()), position);
                count += index >= 0 ? index : -index - 1;
            }
        }
        return count;
    }
}
