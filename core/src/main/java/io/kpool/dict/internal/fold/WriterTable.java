package io.kpool.dict.internal.fold;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Removes resent duplicates: per writer, the highest sequence number folded and the lower ones not
 * seen yet (a resend after a failed send may land after later operations). Writers silent for a day
 * are forgotten; all of it is judged by log-append time, so every client forgets the same way.
 */
final class WriterTable {
    static final long FORGET_AFTER_MS = 24 * 60 * 60 * 1000L;
    static final int MAX_MISSING = 10_000;
    private static final long PRUNE_EVERY_MS = 60 * 60 * 1000L;

    private static final class Progress {
        long highest = -1;
        long lastSeenMs;
        final NavigableSet<Long> missing = new TreeSet<>();
    }

    private final Map<String, Progress> writers = new HashMap<>();
    private long lastPruneMs = Long.MIN_VALUE;

    /** @return true the first time this writer's operation is folded, false for a duplicate */
    boolean firstTime(String writer, long seq, long nowMs) {
        prune(nowMs);
        Progress progress = writers.computeIfAbsent(writer, w -> new Progress());
        progress.lastSeenMs = Math.max(progress.lastSeenMs, nowMs);
        if (seq > progress.highest) {
            for (long skipped = Math.max(progress.highest + 1, seq - MAX_MISSING); skipped < seq; skipped++) {
                progress.missing.add(skipped);
            }
            while (progress.missing.size() > MAX_MISSING) {
                progress.missing.pollFirst();
            }
            progress.highest = seq;
            return true;
        }
        return progress.missing.remove(seq);
    }

    private void prune(long nowMs) {
        if (lastPruneMs != Long.MIN_VALUE && nowMs - lastPruneMs < PRUNE_EVERY_MS) {
            return;
        }
        lastPruneMs = nowMs;
        for (Iterator<Progress> it = writers.values().iterator(); it.hasNext(); ) {
            if (nowMs - it.next().lastSeenMs > FORGET_AFTER_MS) {
                it.remove();
            }
        }
    }
}
