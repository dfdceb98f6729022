package io.kpool.dict.internal.fold;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Removes resent duplicates: per writer, every sequence number folded so far, however old (a resend
 * after a failed send may land after any number of later operations), kept as ranges, so a writer
 * that numbers its operations in order costs one range. A writer none of whose operations was folded
 * for more than {@link WireLimits#FORGET_WRITER_AFTER_MS} of the fold's time is forgotten: its next
 * operation starts a new history. The fold's time never runs backwards, so dropping such writers in a
 * periodic sweep forgets exactly the same ones on every client.
 */
final class WriterTable {
    private static final long SWEEP_EVERY_MS = 60 * 60 * 1000L;

    /** The sequence numbers of one writer folded so far: disjoint, non-adjacent ranges, start to end (inclusive). */
    private static final class History {
        private final TreeMap<Long, Long> folded = new TreeMap<>();
        private long lastSeenMs;

        /** @return false if {@code seq} was folded before; otherwise records it */
        boolean add(long seq) {
            Map.Entry<Long, Long> below = folded.floorEntry(seq);
            if (below != null && below.getValue() >= seq) {
                return false;
            }
            long start = below != null && below.getValue() == seq - 1 ? below.getKey() : seq;
            Long aboveEnd = seq == Long.MAX_VALUE ? null : folded.remove(seq + 1);
            folded.put(start, aboveEnd != null ? aboveEnd : seq);
            return true;
        }
    }

    private final Map<String, History> writers = new HashMap<>();
    private long lastSweepMs;

    /**
     * @param writer the writer's id
     * @param seq the operation's sequence number, 0 or more
     * @param nowMs the fold's time, never less than at the previous call
     * @return true the first time this writer's operation is folded, false for a duplicate
     */
    boolean firstTime(String writer, long seq, long nowMs) {
        sweep(nowMs);
        History history = writers.get(writer);
        if (history == null || nowMs - history.lastSeenMs > WireLimits.FORGET_WRITER_AFTER_MS) {
            history = new History();
            writers.put(writer, history);
        }
        history.lastSeenMs = nowMs;
        return history.add(seq);
    }

    /** Frees the writers the next call would forget anyway. */
    private void sweep(long nowMs) {
        if (nowMs - lastSweepMs < SWEEP_EVERY_MS) {
            return;
        }
        lastSweepMs = nowMs;
        writers.values().removeIf(history -> nowMs - history.lastSeenMs > WireLimits.FORGET_WRITER_AFTER_MS);
    }
}
