package io.kpool.core.internal;

import io.kpool.core.QueueItem;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One fetched record on its way through a consumer. Its state moves BUFFERED → DELIVERED → DONE
 * (or BUFFERED → REVOKED when its partition is taken away before anyone got it); the transitions
 * are atomic because {@code get}, {@code taskDone} and the poll thread race on them.
 */
final class InFlight {
    enum State { BUFFERED, DELIVERED, DONE, REVOKED }

    private final long offset;
    private final QueueItem item;
    private final boolean pill;
    private final AtomicReference<State> state;

    private InFlight(long offset, QueueItem item, boolean pill, State initial) {
        this.offset = offset;
        this.item = item;
        this.pill = pill;
        this.state = new AtomicReference<>(initial);
    }

    static InFlight item(QueueItem item) {
        return new InFlight(item.offset(), item, false, State.BUFFERED);
    }

    static InFlight pill(long offset) {
        return new InFlight(offset, null, true, State.DONE);
    }

    /** A record being sent to the dead-letter topic: done once the broker has it. */
    static InFlight deadLetter(long offset) {
        return new InFlight(offset, null, false, State.DELIVERED);
    }

    long offset() {
        return offset;
    }

    QueueItem item() {
        return item;
    }

    boolean isPill() {
        return pill;
    }

    State state() {
        return state.get();
    }

    boolean transition(State from, State to) {
        return state.compareAndSet(from, to);
    }
}
