package com.example;

import io.kpool.pool.AsyncResult;
import io.kpool.pool.Pool;
import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.TaskCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The seed's Pool example as a kpool client; a pool-worker runs the tasks. */
public final class Squares {
    public static void main(String[] args) {
        PoolClientOptions options = PoolClientOptions.builder()
                .bootstrapServers(System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"))
                .taskTimeout(Duration.ofSeconds(30))          // no worker running? fail after 30 s, not never
                .build();
        try (Pool pool = Pool.open(options)) {
            for (int i = 0; i < 10; i++) {
                System.out.println(pool.apply("square", i));  // apply: 0 1 4 … 81, in order
            }

            // callbacks run on this client's callback thread, one at a time, in arrival order
            pool.applyAsync(TaskCall.of("square", 12).returning(Long.class),
                    square -> System.out.println("callback: " + square),
                    error -> System.out.println("error callback: " + error.getMessage()));

            List<AsyncResult<Object>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.add(pool.applyAsync("square", i));    // submits, does not wait
            }
            pool.close();                                     // no more submissions
            pool.join();                                      // every task finished, every callback ran
            for (AsyncResult<Object> result : results) {
                System.out.println(result.get(Duration.ofSeconds(5)));
            }
        }
    }
}
