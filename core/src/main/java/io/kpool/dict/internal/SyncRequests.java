package io.kpool.dict.internal;

import io.kpool.core.KpoolException;
import io.kpool.dict.SharedDictException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The sync requests of one dict client. Any thread asks; the fold thread resolves each request to
 * the log's end offset at that moment and completes it once its own position has reached that offset.
 */
final class SyncRequests {
    private record Target(long endOffset, CompletableFuture<Void> future) {
    }

    private final Queue<CompletableFuture<Void>> asked = new ConcurrentLinkedQueue<>();
    private final List<CompletableFuture<Void>> unresolved = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();

    /** Any thread. @return completes once the fold has read up to the log's end as it is now */
    CompletableFuture<Void> ask() {
        CompletableFuture<Void> request = new CompletableFuture<>();
        asked.add(request);
        return request;
    }

    /**
     * Fold thread: gives every new request the log's current end offset. If {@code endOffset} is
     * interrupted by a wakeup, the requests stay unresolved until the next call.
     *
     * @param endOffset reads the log's end offset from the broker
     * @param log names the log for a failure message
     */
    void resolve(LongSupplier endOffset, String log) {
        for (CompletableFuture<Void> request = asked.poll(); request != null; request = asked.poll()) {
            unresolved.add(request);
        }
        if (unresolved.isEmpty()) {
            return;
        }
        try {
            long end = endOffset.getAsLong();
            unresolved.forEach(request -> targets.add(new Target(end, request)));
        } catch (TimeoutException e) {
            SharedDictException failed = new SharedDictException("Cannot read the end of " + log + " (is the broker reachable?)", e);
            unresolved.forEach(request -> request.completeExceptionally(failed));
        }
        unresolved.clear();
    }

    /** Fold thread: @return true if a request waits for the fold to reach its offset */
    boolean waiting() {
        return !targets.isEmpty();
    }

    /** Fold thread: completes every request whose end offset the fold has reached. */
    void reached(long position) {
        for (Iterator<Target> it = targets.iterator(); it.hasNext(); ) {
            Target target = it.next();
            if (position >= target.endOffset) {
                it.remove();
                target.future.complete(null);
            }
        }
    }

    /** Any thread: fails the requests not yet taken by the fold thread. */
    void failAsked(KpoolException failure) {
        for (CompletableFuture<Void> request = asked.poll(); request != null; request = asked.poll()) {
            request.completeExceptionally(failure);
        }
    }

    /** Fold thread, when it stops: fails every request. */
    void failAll(KpoolException failure) {
        unresolved.forEach(request -> request.completeExceptionally(failure));
        unresolved.clear();
        targets.forEach(target -> target.future.completeExceptionally(failure));
        targets.clear();
        failAsked(failure);
    }
}
