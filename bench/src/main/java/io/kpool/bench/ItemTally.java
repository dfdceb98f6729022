package io.kpool.bench;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/** Counts how often each of the items 0..n-1 was received, from any thread: none may be missing. */
final class ItemTally {
    private final AtomicIntegerArray counts;
    private final AtomicLong received = new AtomicLong();

    ItemTally(int items) {
        this.counts = new AtomicIntegerArray(items);
    }

    void mark(int item) {
        Stats.check(item >= 0 && item < counts.length(), "received item " + item + ", never sent");
        counts.incrementAndGet(item);
        received.incrementAndGet();
    }

    int size() {
        return counts.length();
    }

    long received() {
        return received.get();
    }

    /** @return items received more than once (at-least-once delivery allows it; a steady run has none) */
    long duplicates() {
        return received.get() - (counts.length() - missing());
    }

    /** @return items never received */
    long missing() {
        long missing = 0;
        for (int i = 0; i < counts.length(); i++) {
            if (counts.get(i) == 0) {
                missing++;
            }
        }
        return missing;
    }

    /** Fails the benchmark if an item is missing. */
    void checkComplete(String pipeline) {
        long missing = missing();
        Stats.check(missing == 0, pipeline + ": " + missing + " of " + counts.length() + " item(s) never arrived");
    }
}
