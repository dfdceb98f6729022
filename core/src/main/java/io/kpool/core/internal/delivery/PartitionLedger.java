package io.kpool.core.internal.delivery;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * What one assigned partition has in flight, in offset order, and how far it may be committed: the
 * contiguous prefix of done records (Python's {@code task_done} count, per partition). Confined to
 * the poll thread; the records' states are changed by other threads atomically.
 */
public final class PartitionLedger {
    /** Commit metadata saying the committed position is right after a poison pill. */
    public static final String POISONED_METADATA = "kpool:poisoned";

    private final Deque<InFlight<?>> pending = new ArrayDeque<>();
    private final PartitionGate gate = new PartitionGate();
    private final RecentRecords recent = new RecentRecords();
    private long committable = -1;
    private boolean committablePastPill;
    private long committed = -1;
    private boolean poisoned;

    /** @param entry the next fetched record of this partition */
    void add(InFlight<?> entry) {
        pending.addLast(entry);
        if (entry.isPill()) {
            poisoned = true;
        }
    }

    /** @return the records this member took in on the partition lately, to recognise a copy sent again */
    RecentRecords recent() {
        return recent;
    }

    /** The group already committed past this partition's pill: nothing more will come. */
    void markPoisonedByGroup() {
        poisoned = true;
    }

    boolean isPoisoned() {
        return poisoned;
    }

    /** @return the records still pending (not yet committed) */
    Iterable<InFlight<?>> pending() {
        return pending;
    }

    /** @return whether anything fetched is not committed yet (buffered, in progress or done) */
    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** @return whether any pending record was handed out and is not done yet */
    boolean hasDelivered() {
        return pending.stream().anyMatch(entry -> entry.state() == InFlight.State.DELIVERED);
    }

    /** @return the gate the partition's records are handed out through */
    PartitionGate gate() {
        return gate;
    }

    /**
     * Closes the gate, then marks every record nobody has taken as revoked, so {@code get} skips it: from
     * now on no record of this partition starts, and the delivered ones are exactly those in progress.
     */
    void revokeBuffered() {
        gate.close();
        pending.forEach(entry -> entry.transition(InFlight.State.BUFFERED, InFlight.State.REVOKED));
    }

    /**
     * A commit of this offset failed: forget that it was sent, so the next commit sends it again.
     *
     * @param offset the offset the failed commit carried
     */
    void commitFailed(long offset) {
        if (committed <= offset) {
            committed = -1;
        }
    }

    /**
     * Moves the committable position past the done prefix.
     *
     * @return the offset to commit if it advanced since the last commit
     */
    Optional<OffsetAndMetadata> advance() {
        return advance(done -> { });
    }

    /**
     * Moves the committable position past the done prefix, handing each record it passes to {@code passed}.
     *
     * @param passed told of each done record leaving the ledger, in offset order
     * @return the offset to commit if it advanced since the last commit
     */
    Optional<OffsetAndMetadata> advance(java.util.function.Consumer<InFlight<?>> passed) {
        while (!pending.isEmpty() && pending.peekFirst().state() == InFlight.State.DONE) {
            InFlight<?> done = pending.pollFirst();
            passed.accept(done);
            committable = done.offset() + 1;
            committablePastPill = done.isPill();
        }
        if (committable <= committed) {
            return Optional.empty();
        }
        return Optional.of(new OffsetAndMetadata(committable, committablePastPill ? POISONED_METADATA : ""));
    }

    /** @return the position up to which everything is done, whether or not it was committed already */
    Optional<OffsetAndMetadata> committable() {
        advance();
        return committable < 0 ? Optional.empty()
                : Optional.of(new OffsetAndMetadata(committable, committablePastPill ? POISONED_METADATA : ""));
    }

    /**
     * @return the position before which every fetched record is done (a commit of it changes nothing but is
     *     checked against the member's generation); empty if nothing of this partition was fetched
     */
    Optional<OffsetAndMetadata> position() {
        Optional<OffsetAndMetadata> done = committable();
        if (done.isPresent() || pending.isEmpty()) {
            return done;
        }
        return Optional.of(new OffsetAndMetadata(pending.peekFirst().offset(), ""));
    }

    /** @param offset the position the broker confirmed (or that a commit was sent for) */
    void committed(long offset) {
        committed = Math.max(committed, offset);
    }
}
