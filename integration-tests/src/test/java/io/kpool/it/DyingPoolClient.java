package io.kpool.it;

import io.kpool.pool.Pool;
import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.TaskCall;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A pool client as its own JVM, for a test to kill: submits {@code count} {@code recorded-sleep(prefix + i,
 * seconds)} tasks with a task timeout (so they expire then), prints "submitted N", and waits for results
 * forever. Arguments: bootstrap servers, tasks topic, callback topic, client id, count, seconds, timeout (ISO-8601).
 */
public final class DyingPoolClient {
    private DyingPoolClient() {
    }

    public static void main(String[] args) throws InterruptedException {
        PoolClientOptions options = PoolClientOptions.builder().bootstrapServers(args[0]).tasksTopic(args[1]).callbackTopic(args[2])
                .clientId(args[3]).taskTimeout(Duration.parse(args[6])).build();
        int count = Integer.parseInt(args[4]);
        double seconds = Double.parseDouble(args[5]);
        Pool pool = Pool.open(options);
        for (int i = 0; i < count; i++) {
            pool.applyAsync(TaskCall.of(RecordedSleepTask.NAME, "dead" + i, seconds).returning(String.class),
                    result -> System.out.println("result " + result), error -> System.out.println("error " + error.getMessage()));
        }
        System.out.println("submitted " + count);
        new CountDownLatch(1).await(); // until killed
    }
}
