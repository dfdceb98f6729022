package io.kpool.core.internal.delivery;

import io.kpool.core.internal.kafka.Resender;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The keys and value sizes of the last {@link #SIZE} keyed records a member took in on one partition, to recognise a
 * copy a kpool producer sent again ({@link Resender#SENT_AGAIN_HEADER}) after a failure that left open whether the
 * broker had stored the first (a failing disk's {@code UnknownServerException}): a record with that header, the key
 * and the value size of a recent one is the same record, stored twice. Only a member that took in both copies can
 * tell: a partition that changed owners in between runs the copy again. Confined to the poll thread.
 */
final class RecentRecords {
    /** How many records back a copy is recognised: a copy follows its first within seconds, the send pause apart. */
    static final int SIZE = 4096;

    private final byte[][] keys = new byte[SIZE][];
    private final int[] sizes = new int[SIZE];
    private final long[] offsets = new long[SIZE];
    private int next;

    /** @param record a record taken in on this partition; a record without a key is not remembered */
    void remember(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return;
        }
        keys[next] = record.key();
        sizes[next] = size(record);
        offsets[next] = record.offset();
        next = (next + 1) % SIZE;
    }

    /** @return the offset of the record this one is a copy of, sent again by its producer; -1 if it is none */
    long copyOf(ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null || record.headers().lastHeader(Resender.SENT_AGAIN_HEADER) == null) {
            return -1;
        }
        int size = size(record);
        for (int i = 0; i < SIZE; i++) {
            if (keys[i] != null && sizes[i] == size && Arrays.equals(keys[i], record.key())) {
                return offsets[i];
            }
        }
        return -1;
    }

    private static int size(ConsumerRecord<byte[], byte[]> record) {
        return record.value() == null ? -1 : record.value().length;
    }
}
