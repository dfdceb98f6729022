package io.kpool.dict.internal;

import io.kpool.core.KpoolException;
import io.kpool.dict.SharedDictTimeoutException;
import io.kpool.dict.internal.fold.Operation;
import io.kpool.dict.internal.fold.Outcome;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations one client has written and not yet seen folded, by sequence number. The fold
 * completes each with its outcome; one that takes longer than the operation timeout fails.
 */
final class PendingOperations {
    private static final Logger LOG = LoggerFactory.getLogger(PendingOperations.class);
    /** One written operation waiting for its outcome. */
    record Pending(Operation op, byte[] bytes, CompletableFuture<Outcome> future, long deadlineNanos) {
    }

    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final Duration timeout;

    PendingOperations(Duration timeout) {
        this.timeout = timeout;
    }

    Pending register(Operation op, byte[] bytes) {
        Pending entry = new Pending(op, bytes, new CompletableFuture<>(), System.nanoTime() + timeout.toNanos());
        pending.put(op.seq(), entry);
        return entry;
    }

    /** @return how many operations wait for their outcome now */
    int size() {
        return pending.size();
    }

    boolean isPending(long seq) {
        return pending.containsKey(seq);
    }

    void complete(long seq, Outcome outcome) {
        Pending entry = pending.remove(seq);
        if (entry != null) {
            entry.future.complete(outcome);
        }
    }

    void fail(long seq, RuntimeException failure) {
        Pending entry = pending.remove(seq);
        if (entry != null) {
            entry.future.completeExceptionally(failure);
        }
    }

    /** Fails every operation older than the timeout: it may still reach the log later. */
    void expire(String dictName) {
        long now = System.nanoTime();
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending entry = it.next();
            if (now - entry.deadlineNanos > 0) {
                it.remove();
                entry.future.completeExceptionally(new SharedDictTimeoutException("Shared dict '" + dictName + "': "
                        + entry.op.op().wireName() + " of '" + entry.op.subject() + "' was not confirmed within " + timeout
                        + "; it may still be applied later. Is the broker reachable?"));
            }
        }
    }

    void failAll(KpoolException failure) {
        for (Long seq : pending.keySet()) {
            fail(seq, failure);
        }
    }

    /** Waits until the operations pending now are done (folded, failed or expired), at most {@code timeout}. */
    void awaitAll(Duration wait) {
        CompletableFuture<?>[] futures = pending.values().stream().map(Pending::future).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(futures).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Not every pending operation completed: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
