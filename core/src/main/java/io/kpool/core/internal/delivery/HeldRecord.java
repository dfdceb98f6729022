package io.kpool.core.internal.delivery;

import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A record a {@link ShareGroupSource} has acquired and not yet acknowledged for good: its stream entry, the
 * copy of the record from the latest poll (the one Kafka lets it acknowledge), and whether it was renewed and
 * waits to be handed back. Confined to the poll thread, but for the dead-letter flag the producer's thread sets.
 */
final class HeldRecord {
    final InFlight<?> entry;
    ConsumerRecord<byte[], byte[]> current;
    boolean awaitingReplay;
    long lockedSinceNanos = System.nanoTime();
    private boolean deadLetterSent;
    private volatile boolean deadLetterStored;

    HeldRecord(InFlight<?> entry, ConsumerRecord<byte[], byte[]> current) {
        this.entry = entry;
        this.current = current;
    }

    /**
     * @param deadLetters where a rejected record goes before it is rejected
     * @param onDeadLetterFailure called if the dead-letter topic refuses it
     * @return how to acknowledge the record now, or null while its outcome is not known yet (or its dead letter
     *     is not stored yet)
     */
    AcknowledgeType acknowledgement(DeadLetterPublisher deadLetters, Consumer<Exception> onDeadLetterFailure) {
        if (entry.state() != InFlight.State.DONE) {
            return null;
        }
        return switch (entry.settlement()) {
            case ACCEPT -> AcknowledgeType.ACCEPT;
            case RELEASE -> AcknowledgeType.RELEASE;
            case REJECT -> rejectOnceDeadLettered(deadLetters, onDeadLetterFailure);
        };
    }

    private AcknowledgeType rejectOnceDeadLettered(DeadLetterPublisher deadLetters, Consumer<Exception> onFailure) {
        if (!deadLetterSent) {
            deadLetterSent = true;
            deadLetters.send(entry.record(), entry.rejection() + " (delivery " + entry.deliveryCount() + ")",
                    () -> deadLetterStored = true, onFailure);
        }
        return deadLetterStored ? AcknowledgeType.REJECT : null;
    }
}
