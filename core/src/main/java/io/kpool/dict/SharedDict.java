package io.kpool.dict;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpool.core.internal.metrics.Meters;
import io.kpool.dict.internal.KafkaSharedDict;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Python's {@code Manager().dict()} across JVMs, built the message-passing way: every change is an
 * operation appended to the dict's own single-partition Kafka topic, and every client folds that log,
 * in order, into the same state. No server process, no database.
 *
 * <pre>{@code
 * try (SharedDict d = SharedDict.open(options, "seed", Map.of("count", 100))) {
 *     d.incrementBy("count", -1);            // the seed's  with lock: d['count'] -= 1  — no lock needed
 *     System.out.println(d.snapshot());      // {count=99}, or less if others decremented too
 * }
 * }</pre>
 *
 * <p><b>Writes</b> return once this client has folded them (read-your-writes); each has an
 * {@code *Async} form for pipelining. {@link #incrementBy}, {@link #update}, {@link #putIfAbsent} and
 * {@link #compareAndSet} are atomic read-modify-writes: concurrent ones from any number of clients never
 * lose an update. <b>Reads</b> ({@link #get}, {@link #snapshot}) answer from this client's copy, which
 * is a prefix of the log; call {@link #sync()} first to include every write confirmed anywhere before.
 * Keys are strings of 1 to 1,000 code points without control characters (blank ones included); values
 * are any JSON except null, nesting at most 99 levels (the README's wire format has every limit).
 * Thread-safe.
 */
public interface SharedDict extends AutoCloseable {

    /**
     * Opens (creating if needed) the dict {@code name} and reads it up to its current end.
     *
     * @param options where to connect, and how
     * @param name the dict's name: letters, digits, '.', '_' and '-'
     * @return an open client
     * @throws SharedDictException if the log cannot be read or written
     */
    static SharedDict open(SharedDictOptions options, String name) {
        return open(options, name, Map.of());
    }

    /**
     * Opens (creating if needed) the dict {@code name}, gives each key of {@code initial} its value unless
     * the key already has one — so ten processes opening with {@code {count: 100}} at once still start from 100 —
     * and reads the dict up to its current end.
     *
     * @param options where to connect, and how
     * @param name the dict's name: letters, digits, '.', '_' and '-'
     * @param initial values for keys that have none yet
     * @return an open client
     * @throws IllegalArgumentException if a key or value is not allowed (the message names the key)
     * @throws SharedDictException if the log cannot be read or written
     */
    static SharedDict open(SharedDictOptions options, String name, Map<String, ?> initial) {
        return KafkaSharedDict.open(options, name, initial, Meters.NONE);
    }

    /**
     * Like {@link #open(SharedDictOptions, String, Map)}, recording into {@code registry}, each meter tagged
     * {@code dict}: {@code kpool.dict.operations} (a counter of calls, tagged {@code operation} and {@code result}),
     * {@code kpool.dict.operation.duration} (a timer of the calls that go through the log, same tags),
     * {@code kpool.dict.lock.wait} (a timer from asking a lock to holding it, tagged {@code lock} and {@code result})
     * and {@code kpool.dict.operations.pending} (a gauge of this client's writes not yet folded).
     *
     * @param options where to connect, and how
     * @param name the dict's name: letters, digits, '.', '_' and '-'
     * @param initial values for keys that have none yet
     * @param registry where to record
     * @return an open client
     * @throws IllegalArgumentException if a key or value is not allowed (the message names the key)
     * @throws SharedDictException if the log cannot be read or written
     */
    static SharedDict open(SharedDictOptions options, String name, Map<String, ?> initial, MeterRegistry registry) {
        return KafkaSharedDict.open(options, name, initial, Objects.requireNonNull(registry, "registry"));
    }

    /** @return the dict's name */
    String name();

    /** @return the topic its log lives on */
    String topic();

    /**
     * @param key the key
     * @return its value in this client's copy
     */
    Optional<JsonNode> get(String key);

    /**
     * @param key the key
     * @param type the class to read the value as
     * @param <T> the type
     * @return its value in this client's copy, converted
     * @throws SharedDictException if the value does not have that shape
     */
    <T> Optional<T> get(String key, Class<T> type);

    /**
     * @param key the key
     * @return its value and version in this client's copy, for {@link #compareAndSet}
     */
    Optional<DictEntry> entry(String key);

    /** @return a consistent copy of the whole dict (one prefix of the log), sorted by key */
    Map<String, JsonNode> snapshot();

    /** @return the number of keys in this client's copy */
    int size();

    /**
     * Sets a key.
     *
     * @param key the key
     * @param value any JSON-serialisable value, not null
     * @throws IllegalArgumentException if the key or value is not allowed
     */
    void put(String key, Object value);

    /**
     * {@link #put} without waiting.
     *
     * @param key the key
     * @param value any JSON-serialisable value, not null
     * @return completes once this client has folded the put
     */
    CompletableFuture<Void> putAsync(String key, Object value);

    /**
     * @param key the key
     * @param value the value to set if the key has none
     * @return true if this call set it
     */
    boolean putIfAbsent(String key, Object value);

    /**
     * @param key the key
     * @return true if the key had a value
     */
    boolean remove(String key);

    /**
     * Atomically adds {@code delta} to an integer value; an absent key counts as 0. Never conflicts,
     * so it needs no lock and no retry.
     *
     * @param key the key
     * @param delta what to add (negative to subtract)
     * @return the value after this increment
     * @throws SharedDictException if the value is not an integer or the sum overflows
     */
    long incrementBy(String key, long delta);

    /**
     * {@link #incrementBy} without waiting.
     *
     * @param key the key
     * @param delta what to add
     * @return completes with the value after this increment
     */
    CompletableFuture<Long> incrementByAsync(String key, long delta);

    /**
     * Atomically replaces a value with {@code function(value)}: optimistic, it reads the value, appends a
     * compare-and-set, and runs {@code function} again on the newer value if another write came first.
     * {@code function} may therefore run more than once and must have no side effects.
     *
     * @param key the key
     * @param type the class of the value
     * @param function gets the current value (null if absent); returns the new one, or null to remove the key
     * @param <T> the type
     * @return the value written (null if removed)
     */
    <T> T update(String key, Class<T> type, UnaryOperator<T> function);

    /**
     * Sets (or removes) a key only if its version is still {@code expectedVersion}.
     *
     * @param key the key
     * @param expectedVersion its version from {@link #entry}, or {@link DictEntry#ABSENT} for "only if absent"
     * @param newValue the new value, or null to remove the key
     * @return true if it was set, false if the version had changed
     */
    boolean compareAndSet(String key, long expectedVersion, Object newValue);

    /**
     * A handle on the named lock with the default lease ({@link SharedDictOptions#lockLease()}).
     *
     * @param name the lock's name (same rules as keys)
     * @return a new handle; each handle is its own holder
     */
    SharedLock lock(String name);

    /**
     * @param name the lock's name (same rules as keys)
     * @param lease how long a grant lasts unless renewed (at least 100 ms)
     * @return a new handle; each handle is its own holder
     */
    SharedLock lock(String name, Duration lease);

    /**
     * A view of this dict whose writes are fenced by {@code lock}: each carries the lock's current
     * fencing token and is applied only if that grant is still current when it reaches the log, else it
     * fails with {@link FencedException}. Reads are the same as this dict's. Closing the view does nothing.
     *
     * @param lock a lock of this dict
     * @return the fenced view
     */
    SharedDict fencedBy(SharedLock lock);

    /**
     * Waits until this client has folded everything written to the dict before the call: afterwards
     * {@link #get} and {@link #snapshot} reflect every write confirmed before it, by any client.
     *
     * @throws SharedDictException if the log cannot be read within the operation timeout
     */
    void sync();

    /**
     * Releases the locks this client holds, waits up to 10 s for its writes in flight to be confirmed,
     * fails what is still pending and closes the Kafka clients. Idempotent, bounded.
     */
    @Override
    void close();
}
