package io.kpool.examples;

import io.kpool.dict.SharedDict;
import io.kpool.dict.SharedDictException;
import io.kpool.dict.SharedDictTimeoutException;
import io.kpool.dict.SharedLock;
import io.kpool.service.ServiceEndpoint;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The seed's Manager().dict example: one of the processes that each decrement the shared count. */
@Command(name = "shared-count", mixinStandardHelpOptions = true,
        description = {"The seed's Manager().dict + Lock (二): one process decrementing a shared count.",
                "    d = m.dict({'count': 100})       # SharedDict.open(options, dict, Map.of(\"count\", 100))",
                "    with lock: d['count'] -= 1       # d.incrementBy(\"count\", -1) — atomic, no lock needed",
                "Start ten of these at once with --decrements 1, then one with --decrements 0 --print: it prints {count=90}.",
                "The dict lives on the topic kpool.dict.<dict>; its values survive every process and the broker's restarts."},
        footer = {"", "Modes: increment (incrementBy, pipelined), update (update(fn): optimistic compare-and-set),",
                "lock (the seed's way: lock, read, fenced put, unlock).",
                DictExampleOptions.ENVIRONMENT,
                "Exit codes: 0 done, 1 an update failed, 2 bad usage or configuration."})
public final class SharedCountExample implements Callable<Integer> {
    /** How each decrement is made. */
    enum Mode { increment, update, lock }

    @Mixin
    private DictExampleOptions dict = new DictExampleOptions("seed-count");

    @Option(names = "--key", defaultValue = "count", paramLabel = "KEY", description = "The counter's key. Default: ${DEFAULT-VALUE}.")
    private String key;

    @Option(names = "--initial", defaultValue = "100", paramLabel = "N",
            description = "The count's value if the dict has none yet. Default: ${DEFAULT-VALUE}.")
    private long initial;

    @Option(names = "--decrements", defaultValue = "1", paramLabel = "N", description = "How often to decrement. Default: ${DEFAULT-VALUE}.")
    private int decrements;

    @Option(names = "--mode", defaultValue = "increment", paramLabel = "MODE",
            description = "increment, update or lock. Default: ${DEFAULT-VALUE}.")
    private Mode mode;

    @Option(names = "--name", paramLabel = "NAME", description = "Names this process in its output and as lock owner.")
    private String name;

    @Option(names = "--print", description = "Print the whole dict at the end, as the seed's print(d) does.")
    private boolean print;

    @Override
    public Integer call() throws InterruptedException {
        if (decrements < 0) {
            throw new IllegalArgumentException("--decrements must be 0 or more, got " + decrements);
        }
        PrintWriter out = dict.out();
        try (ServiceEndpoint endpoint = dict.serve("shared-count"); SharedDict d = dict.open(endpoint, name, Map.of(key, initial))) {
            switch (mode) {
                case increment -> increments(d);
                case update -> {
                    for (int i = 0; i < decrements; i++) {
                        d.update(key, Long.class, count -> count - 1);
                    }
                }
                case lock -> underLock(d);
                default -> throw new IllegalStateException("unknown mode " + mode);
            }
            if (decrements > 0) {
                out.printf("%s decremented '%s' %d time(s) (%s)%n", name == null ? "shared-count" : name, key, decrements, mode);
            }
            if (print) {
                d.sync();
                out.println(d.snapshot());
            }
            out.flush();
        }
        return 0;
    }

    private void increments(SharedDict d) throws InterruptedException {
        Semaphore inFlight = new Semaphore(100);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int i = 0; i < decrements && failure.get() == null; i++) {
            inFlight.acquire();
            d.incrementByAsync(key, -1).whenComplete((count, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e.getCause() != null ? e.getCause() : e);
                }
                inFlight.release();
            });
        }
        if (!inFlight.tryAcquire(100, 2, TimeUnit.MINUTES)) {
            throw new SharedDictTimeoutException("Decrements of '" + key + "' still unconfirmed after 2 minutes");
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException runtime) {
            throw runtime;
        } else if (e != null) {
            throw new SharedDictException("A decrement of '" + key + "' failed: " + e, e);
        }
    }

    private void underLock(SharedDict d) {
        SharedLock lock = d.lock(key + "-lock");
        for (int i = 0; i < decrements; i++) {
            lock.lock();
            try {
                long count = d.get(key, Long.class).orElseThrow();
                d.fencedBy(lock).put(key, count - 1);
            } finally {
                lock.unlock();
            }
        }
    }
}
