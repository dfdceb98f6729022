package io.kpool.examples;

import io.kpool.dict.FencedException;
import io.kpool.dict.SharedDict;
import io.kpool.dict.SharedLock;
import io.kpool.service.ServiceEndpoint;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A long critical section under a shared lock: holds it and keeps writing its name, fenced, until told to stop. */
@Command(name = "shared-lock", mixinStandardHelpOptions = true,
        description = {"A long 'with lock:' block across processes: takes the lock, then writes its --name to --key every",
                "--every while it holds the lock (each write fenced by the lock's token), for --hold; then unlocks.",
                "If this process stalls longer than the lease, another process gets the lock and this one's next write",
                "is rejected (FencedException, exit code 1); if it is killed, the lock frees once its lease runs out."},
        footer = {"", DictExampleOptions.ENVIRONMENT,
                "Exit codes: 0 done, 1 fenced or failed, 2 bad usage or configuration."})
public final class SharedLockExample implements Callable<Integer> {
    @Mixin
    private DictExampleOptions dict = new DictExampleOptions("seed-lock");

    @Option(names = "--lock", defaultValue = "lock", paramLabel = "NAME", description = "The lock. Default: ${DEFAULT-VALUE}.")
    private String lockName;

    @Option(names = "--key", defaultValue = "owner", paramLabel = "KEY", description = "Where to write. Default: ${DEFAULT-VALUE}.")
    private String key;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "This process's name: the value it writes.")
    private String name;

    @Option(names = "--hold", defaultValue = "PT10S", paramLabel = "DURATION",
            description = "How long to hold the lock (ISO-8601). Default: ${DEFAULT-VALUE}.")
    private Duration hold;

    @Option(names = "--every", defaultValue = "PT0.2S", paramLabel = "DURATION",
            description = "How often to write while holding it. Default: ${DEFAULT-VALUE}.")
    private Duration every;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = dict.out();
        try (ServiceEndpoint endpoint = dict.serve("shared-lock"); SharedDict d = dict.open(endpoint, name, Map.of())) {
            SharedLock lock = d.lock(lockName);
            lock.lock();
            out.printf("%s holds lock '%s' with token %d%n", name, lockName, lock.token());
            out.flush();
            long end = System.nanoTime() + hold.toNanos();
            int writes = 0;
            while (System.nanoTime() < end) {
                d.fencedBy(lock).put(key, name);
                out.printf("%s wrote %s=%s (%d)%n", name, key, name, ++writes);
                out.flush();
                TimeUnit.NANOSECONDS.sleep(Math.min(every.toNanos(), Math.max(0, end - System.nanoTime())));
            }
            lock.unlock();
            out.printf("%s released lock '%s'%n", name, lockName);
        }
        return 0;
    }
}
