package io.kpool.bench;

import io.kpool.dict.SharedDict;
import io.kpool.dict.SharedDictOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One measured workload on a shared dict: {@code clients} separate {@link SharedDict} instances (each
 * its own producer, consumer and fold, as separate processes would have), one thread each, all
 * updating at once. Counts an update once its writer has seen it applied.
 */
final class DictLoad {
    /** How one client updates: pipelined increments, or optimistic update(fn) one at a time. */
    enum Kind { INCREMENT, UPDATE }

    private final SharedDictOptions options;
    private final String dictName;
    private final int clients;
    private final int keys;
    private final int inFlight;
    private final AtomicLong done = new AtomicLong();

    DictLoad(SharedDictOptions options, String dictName, int clients, int keys, int inFlight) {
        this.options = options;
        this.dictName = dictName;
        this.clients = clients;
        this.keys = keys;
        this.inFlight = inFlight;
    }

    long done() {
        return done.get();
    }

    /** Runs {@code perClient} updates on each client; returns once every writer has seen all of its own applied. */
    long run(Kind kind, int perClient) throws Exception {
        List<SharedDict> dicts = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(clients, runnable -> new Thread(runnable, "bench-client"));
        try {
            for (int i = 0; i < clients; i++) {
                dicts.add(SharedDict.open(options.toBuilder().clientId("bench-" + i).build(), dictName));
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                SharedDict dict = dicts.get(i);
                int first = i;
                running.add(threads.submit(() -> {
                    start.await();
                    if (kind == Kind.INCREMENT) {
                        increments(dict, first, perClient);
                    } else {
                        updates(dict, first, perClient);
                    }
                    return null;
                }));
            }
            long begin = System.nanoTime();
            start.countDown();
            for (Future<?> client : running) {
                client.get(30, TimeUnit.MINUTES);
            }
            return System.nanoTime() - begin;
        } finally {
            threads.shutdownNow();
            dicts.forEach(SharedDict::close);
        }
    }

    private void increments(SharedDict dict, int first, int count) throws InterruptedException {
        Semaphore window = new Semaphore(inFlight);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int n = 0; n < count && failure.get() == null; n++) {
            window.acquire();
            dict.incrementByAsync(key(first + n), 1).whenComplete((value, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                done.incrementAndGet();
                window.release();
            });
        }
        window.acquire(inFlight);
        if (failure.get() != null) {
            throw new IllegalStateException("An increment failed: " + failure.get(), failure.get());
        }
    }

    private void updates(SharedDict dict, int first, int count) {
        for (int n = 0; n < count; n++) {
            dict.update(key(first + n), Long.class, value -> value == null ? 1 : value + 1);
            done.incrementAndGet();
        }
    }

    String key(int n) {
        return keys == 1 ? "hot" : "key-" + (n % keys);
    }
}
