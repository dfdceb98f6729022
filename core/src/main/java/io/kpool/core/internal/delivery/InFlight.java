package io.kpool.core.internal.delivery;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One fetched record on its way through a {@link RecordStream}. Its state moves BUFFERED →
 * DELIVERED → DONE (or BUFFERED → REVOKED when its partition is taken away before anyone got it);
 * the transitions are atomic because consumers of the stream, the code marking records done and
 * the poll thread race on them.
 *
 * @param <T> the decoded value
 */
public final class InFlight<T> {
    enum State { BUFFERED, DELIVERED, DONE, REVOKED }

    private final int partition;
    private final long offset;
    private final T value;
    private final boolean pill;
    private final AtomicReference<State> state;

    private InFlight(int partition, long offset, T value, boolean pill, State initial) {
        this.partition = partition;
        this.offset = offset;
        this.value = value;
        this.pill = pill;
        this.state = new AtomicReference<>(initial);
    }

    static <T> InFlight<T> value(int partition, long offset, T value) {
        return new InFlight<>(partition, offset, value, false, State.BUFFERED);
    }

    static <T> InFlight<T> pill(int partition, long offset) {
        return new InFlight<>(partition, offset, null, true, State.DONE);
    }

    /** A record being sent to the dead-letter topic: done once the broker has it. */
    static <T> InFlight<T> deadLetter(int partition, long offset) {
        return new InFlight<>(partition, offset, null, false, State.DELIVERED);
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    public T value() {
        return value;
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
