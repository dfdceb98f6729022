package io.kpool.core.internal.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RecordSource} that is a consumer-group member: the one thread that owns the {@link Consumer}. Its poll
 * loop fetches into the buffer that {@code get} takes from ({@link RecordAdmission} decodes, dead-letters invalid
 * records and takes poison pills), pauses while the buffer is full, has its {@link OffsetCommitter} commit each
 * partition's done prefix, hands out nothing after a silence until the group confirms the member
 * ({@link MembershipConfirmation}) and learns when its poisoned partitions leave it nothing to do
 * ({@link GroupShutDownCheck}). Rebalances are its {@link GroupRebalanceListener}'s. Other threads only touch
 * the buffer and the records' atomic states.
 *
 * @param <T> the decoded value
 */
final class ConsumerGroupSource<T> implements RecordSource<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerGroupSource.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * A member whose poll thread has been away longer than this may have lost its partitions: no hand-outs
     * until it has polled and the group has confirmed it still owns them.
     */
    private static final long SILENCE_LIMIT_MILLIS = Duration.ofSeconds(5).toMillis();

    private final Consumer<byte[], byte[]> consumer;
    private final StreamOptions options;
    private final OffsetCommitter committer;
    private final BlockingQueue<InFlight<T>> buffer;
    private final Clock clock;
    private final Map<TopicPartition, PartitionLedger> ledgers = new HashMap<>();
    private final RecordAdmission<T> admission;
    private final GroupRebalanceListener rebalances;
    private final MembershipConfirmation confirmation;
    private final GroupShutDownCheck shutDownCheck;
    private volatile boolean running = true;
    private volatile boolean shutDown;
    private volatile RuntimeException failure;
    private volatile long lastPollMillis;
    /** Set when the poll thread comes back from a silence: the member may have been replaced meanwhile (a zombie). */
    private volatile boolean unconfirmed;
    /** Set while the poll thread waits for the takers to make room in a full buffer: a taker wakes it. */
    private volatile boolean waitingForRoom;
    private volatile Thread pollThread;
    private boolean pausedForBuffer;
    private ConnectionCount connections;
    private volatile MemberStatus status = MemberStatus.STARTING;

    ConsumerGroupSource(Consumer<byte[], byte[]> consumer, StreamOptions options, RecordDecoder<T> decoder,
                        DeadLetterPublisher deadLetters, OffsetCommitter committer, BlockingQueue<InFlight<T>> buffer, Clock clock) {
        this.consumer = consumer;
        this.options = options;
        this.committer = committer;
        this.buffer = buffer;
        this.clock = clock;
        this.lastPollMillis = clock.millis();
        this.admission = new RecordAdmission<>(consumer, options, decoder, deadLetters, committer.writesStagedRecords(), ledgers,
                e -> failure = e);
        this.rebalances = new GroupRebalanceListener(consumer, options, committer, ledgers, buffer, clock, () -> pausedForBuffer,
                () -> lastPollMillis = clock.millis());
        this.confirmation = new MembershipConfirmation(committer, options.clientId(), clock);
        this.shutDownCheck = new GroupShutDownCheck(consumer, options, clock);
    }

    @Override
    public void run() {
        pollThread = Thread.currentThread();
        try {
            RuntimeException failed = PollLoop.run("Consumer " + options.clientId(), LOG, () -> running, this::pollLoop);
            if (failed != null) {
                failure = failed;
            }
        } finally {
            finish();
        }
    }

    private void pollLoop() {
        consumer.subscribe(List.of(options.topic()), rebalances);
        connections = ConnectionCount.of(consumer.metrics(), "consumer-metrics");
        while (running && failure == null) {
            committer.commitDone(ledgers);
            // paused for a full buffer there is nothing to fetch: a blocking poll would only sleep while the takers
            // empty the buffer, so poll without waiting (callbacks, rebalances) and wait for room instead
            var records = consumer.poll(pausedForBuffer ? Duration.ZERO : committer.pollTimeout(ledgers, POLL_TIMEOUT));
            polled();
            if (unconfirmed && confirmation.confirm(ledgers)) {
                unconfirmed = false;
            }
            records.forEach(admission::accept);
            admission.handOver(buffer);
            applyBackPressure();
            shutDown = shutDownCheck.shutDown(ledgers, shutDown);
            status = new MemberStatus(connections.connected(), rebalances.joined(), consumer.assignment().size(),
                    consumer.paused().size());
            if (pausedForBuffer) {
                awaitRoom();
                applyBackPressure();
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        consumer.wakeup();
        Thread thread = pollThread;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void recordTaken() {
        if (waitingForRoom && buffer.size() <= options.bufferSize() / 2) {
            LockSupport.unpark(pollThread);
        }
    }

    /**
     * Waits, at most as long as a poll would, until the takers have emptied the buffer down to half (where
     * {@link #applyBackPressure} resumes): {@link #recordTaken} wakes it the moment they have.
     */
    private void awaitRoom() {
        // no longer than a poll would have waited: the committer's pace (exactly-once commits every few ms) holds
        long deadline = System.nanoTime() + committer.pollTimeout(ledgers, POLL_TIMEOUT).toNanos();
        waitingForRoom = true; // before looking at the buffer: a taker that empties it after this look wakes us
        try {
            while (running && buffer.size() > options.bufferSize() / 2) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                LockSupport.parkNanos(this, left);
            }
        } finally {
            waitingForRoom = false;
        }
    }

    @Override
    public boolean mayHandOut() {
        long lastPoll = lastPollMillis; // read before unconfirmed: polled() writes them in the other order
        return !unconfirmed && clock.millis() - lastPoll < SILENCE_LIMIT_MILLIS;
    }

    /**
     * Notes a return from poll. After a silence (the process was stopped, a long pause) the member may have
     * been replaced without knowing it yet: poll can return before the group's answer that says so, so
     * polling again is no proof of membership and hand-outs wait for the group's {@link MembershipConfirmation}.
     */
    private void polled() {
        long now = clock.millis();
        if (now - lastPollMillis >= SILENCE_LIMIT_MILLIS) {
            unconfirmed = true; // before lastPollMillis moves: a taker that sees the new time sees this too
            LOG.info("{} was silent for {} ms; it hands out nothing until the group confirms it still owns its partitions",
                    options.clientId(), now - lastPollMillis);
        }
        lastPollMillis = now;
    }

    @Override
    public boolean isShutDown() {
        return shutDown;
    }

    @Override
    public MemberStatus status() {
        return status;
    }

    @Override
    public RuntimeException failure() {
        return failure;
    }

    private void applyBackPressure() {
        int size = buffer.size();
        if (!pausedForBuffer && size >= options.bufferSize()) {
            pausedForBuffer = true;
            consumer.pause(consumer.assignment());
        } else if (pausedForBuffer && size <= options.bufferSize() / 2) {
            pausedForBuffer = false;
            consumer.resume(consumer.assignment().stream()
                    .filter(partition -> !ledgers.containsKey(partition) || !ledgers.get(partition).isPoisoned())
                    .collect(Collectors.toSet()));
        }
    }

    private void finish() {
        status = MemberStatus.STARTING;
        try {
            committer.commitBeforeRelease(ledgers, ledgers.keySet());
        } catch (KafkaException e) {
            LOG.warn("{}: final commit failed; uncommitted items will be delivered again: {}", options.clientId(), e.toString());
        } finally {
            consumer.close(CloseOptions.timeout(CLIENT_TIMEOUT));
        }
    }
}
