package io.kpool.dict.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpool.dict.DictEntry;
import io.kpool.dict.internal.fold.EntryState;
import io.kpool.dict.internal.fold.Folded;
import io.kpool.dict.internal.fold.Outcome;
import io.kpool.core.RecordText;
import io.kpool.dict.internal.fold.StateMachine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's copy of a shared dict: the fold thread applies batches of records, any thread reads.
 * A reader sees a prefix of the log, never half a batch; values handed out are copies.
 */
public final class Replica {
    private static final Logger LOG = LoggerFactory.getLogger(Replica.class);

    /** One record of the log, as read: its value (null if none), offset and timestamp. */
    record LogRecord(byte[] value, long offset, long timestampMs) {
    }

    private final StateMachine machine = new StateMachine();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object releases = new Object();
    private long releaseEpoch;
    private volatile long folded;

    /**
     * Folds records in order, whatever they hold; the results are in the same order. Only the fold
     * thread calls it. Never throws for a record: the fold is total, and should it fail on one all the
     * same (a bug), that record is skipped and the next ones are folded.
     */
    List<Folded> apply(List<LogRecord> records) {
        List<Folded> outcomes = new ArrayList<>(records.size());
        boolean released = false;
        lock.writeLock().lock();
        try {
            for (LogRecord record : records) {
                Folded folded = fold(record);
                released |= folded.outcome().status() == Outcome.Status.RELEASED;
                outcomes.add(folded);
            }
            folded += records.size();
        } finally {
            lock.writeLock().unlock();
        }
        if (released) {
            synchronized (releases) {
                releaseEpoch++;
                releases.notifyAll();
            }
        }
        return outcomes;
    }

    private Folded fold(LogRecord record) {
        try {
            return machine.fold(record.value, record.offset, record.timestampMs);
        } catch (RuntimeException bug) {
            LOG.error("The fold failed on record {} (a bug: please report it); the record is skipped", record.offset, bug);
            return new Folded(null, Outcome.invalid(record.offset, "the fold failed on it: " + RecordText.forLog(bug.toString())));
        }
    }

    /** @return how many records this replica has folded */
    long folded() {
        return folded;
    }

    Optional<DictEntry> entry(String key) {
        lock.readLock().lock();
        try {
            EntryState entry = machine.entries().get(key);
            return entry == null ? Optional.empty() : Optional.of(new DictEntry(copy(entry.value()), entry.version()));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return a consistent copy of every value, sorted by key */
    Map<String, JsonNode> snapshot() {
        lock.readLock().lock();
        try {
            Map<String, JsonNode> copy = new TreeMap<>();
            machine.entries().forEach((key, entry) -> copy.put(key, copy(entry.value())));
            return Collections.unmodifiableMap(copy);
        } finally {
            lock.readLock().unlock();
        }
    }

    int size() {
        lock.readLock().lock();
        try {
            return machine.entries().size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Waits until the fold has seen a release of the lock after {@code afterOffset}, or the time is up.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void awaitRelease(String lockName, long afterOffset, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long epoch;
            synchronized (releases) {
                epoch = releaseEpoch;
            }
            if (releasedAt(lockName) > afterOffset) {
                return;
            }
            synchronized (releases) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                if (releaseEpoch == epoch) {
                    releases.wait(Math.max(1, left / 1_000_000));
                }
            }
        }
    }

    private long releasedAt(String lockName) {
        lock.readLock().lock();
        try {
            return machine.releasedAt(lockName);
        } finally {
            lock.readLock().unlock();
        }
    }

    private static JsonNode copy(JsonNode value) {
        return value.isContainerNode() ? value.deepCopy() : value;
    }
}
