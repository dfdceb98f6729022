package io.kpool.core.internal.delivery;

/**
 * What a {@link RecordSource}'s consumer last saw of its group and its broker: enough for a readiness check
 * and the partition gauges.
 *
 * @param connected whether the consumer has a connection to a broker open (Kafka's {@code connection-count});
 *     true where the consumer keeps no such metric
 * @param joined whether the member holds an assignment from the group (maybe of no partitions)
 * @param assigned partitions assigned to it
 * @param paused partitions of those it has paused (its buffer is full, or they are poisoned)
 */
public record MemberStatus(boolean connected, boolean joined, int assigned, int paused) {
    /** Before the first poll: not connected, not joined. */
    public static final MemberStatus STARTING = new MemberStatus(false, false, 0, 0);

    /** Checks the counts. */
    public MemberStatus {
        if (assigned < 0 || paused < 0) {
            throw new IllegalArgumentException("partition counts must not be negative, got " + assigned + ", " + paused);
        }
    }

    /** @return whether the member can take records: connected and in the group */
    public boolean ready() {
        return connected && joined;
    }
}
