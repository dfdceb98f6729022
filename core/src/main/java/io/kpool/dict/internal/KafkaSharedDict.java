package io.kpool.dict.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpool.dict.DictEntry;
import io.kpool.dict.FencedException;
import io.kpool.dict.SharedDict;
import io.kpool.dict.SharedDictException;
import io.kpool.dict.SharedDictOptions;
import io.kpool.dict.SharedDictTimeoutException;
import io.kpool.dict.SharedLock;
import io.kpool.dict.internal.fold.DictNames;
import io.kpool.dict.internal.fold.Operation;
import io.kpool.dict.internal.fold.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/** {@link SharedDict} over its log, optionally with every write fenced by a lock. */
public final class KafkaSharedDict implements SharedDict {
    private final DictClient client;
    private final KafkaSharedLock fence;

    private KafkaSharedDict(DictClient client, KafkaSharedLock fence) {
        this.client = client;
        this.fence = fence;
    }

    /**
     * @param options where to connect
     * @param name the dict's name
     * @param initial values for keys that have none yet
     * @param registry where it records its meters ({@link io.kpool.core.internal.metrics.Meters#NONE}: nowhere)
     * @return an open dict, caught up with its log
     */
    public static KafkaSharedDict open(SharedDictOptions options, String name, Map<String, ?> initial, MeterRegistry registry) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(registry, "registry");
        DictNames.checkDictName(name);
        Objects.requireNonNull(initial, "initial (use Map.of() for none)");
        Map<String, JsonNode> initialValues = new TreeMap<>();
        initial.forEach((key, value) -> initialValues.put(DictNames.checkKey(key, "key"), DictValues.toJson(key, value)));
        DictClient client = DictClient.open(options, name, registry);
        try {
            List<CompletableFuture<Outcome>> puts = new ArrayList<>();
            initialValues.forEach((key, value) -> puts.add(client.append(Operation.putIfAbsent(key, value))));
            puts.forEach(put -> client.await(put, "initial value"));
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return new KafkaSharedDict(client, null);
    }

    @Override
    public String name() {
        return client.name;
    }

    @Override
    public String topic() {
        return client.options.topicFor(client.name);
    }

    @Override
    public Optional<JsonNode> get(String key) {
        return entry(key).map(DictEntry::value);
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        return get(key).map(value -> DictValues.read(key, value, type));
    }

    @Override
    public Optional<DictEntry> entry(String key) {
        client.meters.count(DictOperation.GET);
        return client.replica.entry(DictNames.checkKey(key, "key"));
    }

    @Override
    public Map<String, JsonNode> snapshot() {
        client.meters.count(DictOperation.SNAPSHOT);
        return client.replica.snapshot();
    }

    @Override
    public int size() {
        return client.replica.size();
    }

    @Override
    public void put(String key, Object value) {
        call(DictOperation.PUT, Operation.put(key, DictValues.toJson(key, value)));
    }

    @Override
    public CompletableFuture<Void> putAsync(String key, Object value) {
        return client.meters.recordAsync(DictOperation.PUT,
                client.appendAsync(fenced(Operation.put(key, DictValues.toJson(key, value))), outcome -> {
                    applied(outcome);
                    return null;
                }));
    }

    @Override
    public boolean putIfAbsent(String key, Object value) {
        return call(DictOperation.PUT_IF_ABSENT, Operation.putIfAbsent(key, DictValues.toJson(key, value))).status()
                == Outcome.Status.APPLIED;
    }

    @Override
    public boolean remove(String key) {
        return call(DictOperation.REMOVE, Operation.remove(key)).status() == Outcome.Status.APPLIED;
    }

    @Override
    public long incrementBy(String key, long delta) {
        return call(DictOperation.INCREMENT_BY, Operation.increment(key, delta)).value().longValue();
    }

    @Override
    public CompletableFuture<Long> incrementByAsync(String key, long delta) {
        return client.meters.recordAsync(DictOperation.INCREMENT_BY,
                client.appendAsync(fenced(Operation.increment(key, delta)), outcome -> applied(outcome).value().longValue()));
    }

    @Override
    public <T> T update(String key, Class<T> type, UnaryOperator<T> function) {
        return client.meters.record(DictOperation.UPDATE, () -> updateUntilNoConflict(key, type, function));
    }

    private <T> T updateUntilNoConflict(String key, Class<T> type, UnaryOperator<T> function) {
        long deadline = System.nanoTime() + client.options.operationTimeout().toNanos();
        for (int attempt = 1; ; attempt++) {
            Optional<DictEntry> current = client.replica.entry(DictNames.checkKey(key, "key"));
            T next = function.apply(current.map(entry -> DictValues.read(key, entry.value(), type)).orElse(null));
            JsonNode value = next == null ? null : DictValues.toJson(key, next);
            long version = current.map(DictEntry::version).orElse(DictEntry.ABSENT);
            Outcome outcome = client.call(fenced(Operation.compareAndSet(key, version, value)));
            if (outcome.status() != Outcome.Status.CONFLICT) {
                applied(outcome);
                return next;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new SharedDictTimeoutException("Shared dict '" + client.name + "': update of key '" + key
                        + "' lost the race to other writers " + attempt + " times within " + client.options.operationTimeout()
                        + "; nothing was written");
            }
        }
    }

    @Override
    public boolean compareAndSet(String key, long expectedVersion, Object newValue) {
        JsonNode value = newValue == null ? null : DictValues.toJson(key, newValue);
        Operation op = Operation.compareAndSet(key, expectedVersion, value);
        return client.meters.record(DictOperation.COMPARE_AND_SET, () -> {
            Outcome outcome = client.call(fenced(op));
            return outcome.status() != Outcome.Status.CONFLICT && applied(outcome) != null;
        });
    }

    @Override
    public SharedLock lock(String name) {
        return lock(name, client.options.lockLease());
    }

    @Override
    public SharedLock lock(String name, Duration lease) {
        return new KafkaSharedLock(client, name, lease, client.options.clientId());
    }

    @Override
    public SharedDict fencedBy(SharedLock lock) {
        if (!(lock instanceof KafkaSharedLock ours) || !ours.belongsTo(client)) {
            throw new IllegalArgumentException("Lock '" + lock.name() + "' is not a lock of this dict client ('" + client.name
                    + "'): take it from this SharedDict's lock(name)");
        }
        return new KafkaSharedDict(client, ours);
    }

    @Override
    public void sync() {
        client.meters.record(DictOperation.SYNC, () -> {
            client.sync();
            return null;
        });
    }

    @Override
    public void close() {
        if (fence == null) {
            client.close();
        }
    }

    /** @return the outcome of {@code op}, if it took effect @throws SharedDictException if refused */
    private Outcome call(DictOperation operation, Operation op) {
        return client.meters.record(operation, () -> applied(client.call(fenced(op))));
    }

    private Operation fenced(Operation op) {
        return fence == null ? op : op.fencedBy(fence.fence());
    }

    /** @return the outcome if the operation took effect (or had nothing to do) @throws SharedDictException if refused */
    private Outcome applied(Outcome outcome) {
        return switch (outcome.status()) {
            case APPLIED, UNCHANGED -> outcome;
            case FENCED -> throw new FencedException("Shared dict '" + client.name + "': " + outcome.message());
            default -> throw new SharedDictException("Shared dict '" + client.name + "': " + outcome.message());
        };
    }
}
