package io.kpool.core.internal.delivery;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

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

    /** How a share group acknowledges a done record; a consumer group commits every done record alike. */
    enum Settlement { ACCEPT, RELEASE, REJECT }

    private final int partition;
    private final long offset;
    private final ConsumerRecord<byte[], byte[]> record;
    private final PartitionGate gate;
    private final T value;
    private final boolean pill;
    private final AtomicReference<State> state;
    private volatile Settlement settlement = Settlement.ACCEPT;
    private volatile String rejection;
    /** Records to write in the transaction that commits this record's offset (exactly-once mode), or null. */
    private volatile Queue<ProducerRecord<byte[], byte[]>> staged;

    private InFlight(int partition, long offset, ConsumerRecord<byte[], byte[]> record, PartitionGate gate, T value, boolean pill,
                     State initial) {
        this.partition = partition;
        this.offset = offset;
        this.record = record;
        this.gate = gate;
        this.value = value;
        this.pill = pill;
        this.state = new AtomicReference<>(initial);
    }

    /**
     * A decoded record waiting to be taken; it keeps the record so that a taker can still dead-letter it.
     *
     * @param gate its partition's gate: it is handed out only while that is open
     */
    static <T> InFlight<T> value(ConsumerRecord<byte[], byte[]> record, T value, PartitionGate gate) {
        return new InFlight<>(record.partition(), record.offset(), record, gate, value, false, State.BUFFERED);
    }

    static <T> InFlight<T> pill(int partition, long offset) {
        return new InFlight<>(partition, offset, null, null, null, true, State.DONE);
    }

    /** A record that needs nothing done: a copy of a record taken in before. */
    static <T> InFlight<T> skipped(int partition, long offset) {
        return new InFlight<>(partition, offset, null, null, null, false, State.DONE);
    }

    /** A record being sent to the dead-letter topic: done once the broker has it. */
    static <T> InFlight<T> deadLetter(int partition, long offset) {
        return new InFlight<>(partition, offset, null, null, null, false, State.DELIVERED);
    }

    /** A record that can never succeed, already done: a share group dead-letters and rejects it. */
    static <T> InFlight<T> rejected(ConsumerRecord<byte[], byte[]> record, String reason) {
        InFlight<T> entry = new InFlight<>(record.partition(), record.offset(), record, null, null, false, State.DONE);
        entry.settle(Settlement.REJECT, reason);
        return entry;
    }

    /** Sets how the record is acknowledged once done (share groups), and for a rejection why. */
    void settle(Settlement how, String reason) {
        rejection = reason;
        settlement = how;
    }

    Settlement settlement() {
        return settlement;
    }

    String rejection() {
        return rejection;
    }

    /**
     * @return how many times the broker has delivered this record: 1 on its first delivery; a consumer
     *     group does not count, so always 1 there
     */
    public int deliveryCount() {
        return record == null ? 1 : record.deliveryCount().map(Short::intValue).orElse(1);
    }

    /** @return true if this record was handed out now (BUFFERED → DELIVERED), its partition still owned */
    boolean handOver() {
        return gate.handOver(this);
    }

    /**
     * Exactly-once mode: keeps a record that answers this one, to be written in the transaction that commits
     * this record's offset. Call before marking this record done (the done marking publishes it to the poll thread).
     *
     * @param output a record to write once this one is committable
     */
    public synchronized void stage(ProducerRecord<byte[], byte[]> output) {
        if (staged == null) {
            staged = new ConcurrentLinkedQueue<>();
        }
        staged.add(output);
    }

    /** @return the records staged to be written with this record's offset, in the order staged */
    List<ProducerRecord<byte[], byte[]>> staged() {
        Queue<ProducerRecord<byte[], byte[]>> records = staged;
        return records == null ? List.of() : List.copyOf(records);
    }

    /** @return the record's partition */
    public int partition() {
        return partition;
    }

    /** @return the record's offset */
    public long offset() {
        return offset;
    }

    /** @return the decoded value */
    public T value() {
        return value;
    }

    /** @return the record as fetched (for dead-lettering); null for pills and records already being dead-lettered */
    ConsumerRecord<byte[], byte[]> record() {
        return record;
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
