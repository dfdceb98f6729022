package io.kpool.dict.internal.fold;

import io.kpool.core.RecordText;
import io.kpool.dict.internal.fold.Outcome.Status;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The locks of a shared dict, as the fold sees them. Time is the log-append time of the record being
 * folded, so every client judges a lease the same way. A grant's fencing token is the offset of the
 * record that granted it: it grows with every grant. A lease ends at the fold's time plus {@code leaseMs},
 * or at 2^63-1 if that sum is larger.
 */
final class LockTable {
    private record Grant(String owner, long token, long expiresAtMs) {
    }

    private final Map<String, Grant> grants = new HashMap<>();
    private final Map<String, Long> releasedAt = new HashMap<>();
    private final Map<String, Long> lastGranted = new HashMap<>();

    Outcome acquire(String lock, String owner, long leaseMs, long offset, long nowMs) {
        Grant current = grants.get(lock);
        if (current != null && current.expiresAtMs > nowMs) {
            return Outcome.lock(Status.BUSY, offset, current.token, current.expiresAtMs - nowMs,
                    "lock '%s' is held by %s (token %d) for %d ms more unless released or renewed"
                            .formatted(lock, RecordText.quote(current.owner), current.token, current.expiresAtMs - nowMs));
        }
        grants.put(lock, new Grant(owner, offset, leaseEnd(nowMs, leaseMs)));
        lastGranted.put(lock, offset);
        return Outcome.lock(Status.GRANTED, offset, offset, leaseMs, null);
    }

    Outcome renew(String lock, long token, long leaseMs, long offset, long nowMs) {
        Optional<String> problem = problem(lock, token, nowMs);
        if (problem.isPresent()) {
            return Outcome.lock(Status.LOST, offset, token, 0, problem.get());
        }
        grants.put(lock, new Grant(grants.get(lock).owner, token, leaseEnd(nowMs, leaseMs)));
        return Outcome.lock(Status.APPLIED, offset, token, leaseMs, null);
    }

    /** Releasing an expired grant that nobody took since still frees the lock (time is not checked). */
    Outcome release(String lock, long token, long offset) {
        Optional<String> problem = problem(lock, token, Long.MIN_VALUE);
        if (problem.isPresent()) {
            return Outcome.lock(Status.LOST, offset, token, 0, problem.get());
        }
        grants.remove(lock);
        releasedAt.put(lock, offset);
        return Outcome.lock(Status.RELEASED, offset, token, 0, null);
    }

    /**
     * @return why a write fenced by this grant must be rejected at {@code nowMs}, or empty if the grant is current
     */
    Optional<String> fenceProblem(Fence fence, long nowMs) {
        return problem(fence.lock(), fence.token(), nowMs);
    }

    /** @return the offset of the lock's last release, or -1 */
    long releasedAt(String lock) {
        return releasedAt.getOrDefault(lock, -1L);
    }

    /** Both are 0 or more: the sum exceeds the 64-bit range only by saturating at its top. */
    private static long leaseEnd(long nowMs, long leaseMs) {
        return leaseMs > Long.MAX_VALUE - nowMs ? Long.MAX_VALUE : nowMs + leaseMs;
    }

    private Optional<String> problem(String lock, long token, long nowMs) {
        Grant current = grants.get(lock);
        long last = lastGranted.getOrDefault(lock, -1L);
        if (current == null && last > token) {
            return Optional.of("token %d of lock '%s' is stale: the lock has been granted again since (token %d) and released"
                    .formatted(token, lock, last));
        }
        if (current == null) {
            return Optional.of("lock '%s' is not held: %s".formatted(lock, last == token
                    ? "the grant with token " + token + " was released" : "token " + token + " was never granted"));
        }
        if (current.token != token) {
            return Optional.of("token %d of lock '%s' is stale: the lock has been granted to %s since (token %d)"
                    .formatted(token, lock, RecordText.quote(current.owner), current.token));
        }
        if (current.expiresAtMs <= nowMs) {
            return Optional.of("the lease of lock '%s' (token %d) expired %d ms before this write reached the log"
                    .formatted(lock, token, nowMs - current.expiresAtMs));
        }
        return Optional.empty();
    }
}
