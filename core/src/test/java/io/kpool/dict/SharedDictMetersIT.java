package io.kpool.dict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A shared dict's meters against a real broker: a known workload gives exact counts. */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SharedDictMetersIT {
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private SharedDictOptions options;
    private String name;

    @BeforeEach
    void setUp(TestKafka kafka) {
        options = SharedDictOptions.builder().bootstrapServers(kafka.bootstrapServers()).clientId("metered").build();
        name = kafka.uniqueName("metered-dict");
    }

    @Test
    void everyCallIsCountedAndTimedByOperationAndResultAndLockWaitsByLock() throws Exception {
        try (SharedDict dict = SharedDict.open(options, name, Map.of("count", 100), registry)) {
            for (int i = 0; i < 3; i++) {
                dict.put("phase", "p" + i);
            }
            for (int i = 0; i < 5; i++) {
                dict.incrementBy("count", -1);
            }
            dict.incrementByAsync("count", -1).get(30, TimeUnit.SECONDS);
            dict.incrementByAsync("count", -1).get(30, TimeUnit.SECONDS);
            assertThatThrownBy(() -> dict.incrementBy("phase", 1)).isInstanceOf(SharedDictException.class);
            assertThat(dict.putIfAbsent("count", 5)).isFalse();
            assertThat(dict.remove("phase")).isTrue();
            dict.update("count", Long.class, count -> count - 1);
            dict.update("count", Long.class, count -> count - 1);
            assertThat(dict.compareAndSet("count", dict.entry("count").orElseThrow().version(), 50)).isTrue();
            assertThat(dict.get("count", Long.class)).contains(50L);
            assertThat(dict.get("phase")).isEmpty();
            dict.sync();
            assertThat(dict.snapshot()).hasSize(1);

            SharedLock first = dict.lock("section");
            SharedLock second = dict.lock("section");
            first.lock();
            assertThat(second.tryLock(Duration.ofMillis(300))).isFalse();
            first.unlock();
            assertThat(second.tryLock(Duration.ofSeconds(20))).isTrue();
            second.unlock();
            assertThatThrownBy(second::unlock).isInstanceOf(IllegalStateException.class);

            assertThat(operations("success")).isEqualTo(Map.of("put", 3.0, "incrementBy", 7.0, "putIfAbsent", 1.0, "remove", 1.0,
                    "update", 2.0, "compareAndSet", 1.0, "get", 3.0, "sync", 1.0, "snapshot", 1.0, "unlock", 2.0));
            assertThat(operations("failure")).isEqualTo(Map.of("incrementBy", 1.0, "unlock", 1.0));
            assertThat(durationCount("put", "success")).isEqualTo(3);
            assertThat(durationCount("incrementBy", "success")).isEqualTo(7);
            assertThat(durationCount("incrementBy", "failure")).isEqualTo(1);
            assertThat(durationCount("update", "success")).isEqualTo(2);
            assertThat(registry.find("kpool.dict.operation.duration").tag("operation", "get").timer())
                    .as("reads of the local replica are counted, not timed").isNull();
            Timer put = registry.get("kpool.dict.operation.duration").tags("dict", name, "operation", "put").timer();
            assertThat(put.totalTime(TimeUnit.NANOSECONDS)).isPositive();

            assertThat(lockWaits("acquired")).isEqualTo(2);
            assertThat(lockWaits("timeout")).isEqualTo(1);
            Timer timedOut = registry.get("kpool.dict.lock.wait").tags("dict", name, "lock", "section", "result", "timeout").timer();
            assertThat(timedOut.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(250);
            assertThat(registry.get("kpool.dict.operations.pending").tag("dict", name).gauge().value()).isZero();
        }
        assertThat(registry.find("kpool.dict.operations.pending").gauge()).as("removed on close").isNull();
    }

    private Map<String, Double> operations(String result) {
        Map<String, Double> counts = new java.util.TreeMap<>();
        for (Counter counter : registry.find("kpool.dict.operations").tags("dict", name, "result", result).counters()) {
            counts.put(counter.getId().getTag("operation"), counter.count());
        }
        return counts;
    }

    private long durationCount(String operation, String result) {
        return registry.get("kpool.dict.operation.duration").tags("dict", name, "operation", operation, "result", result).timer().count();
    }

    private long lockWaits(String result) {
        return registry.get("kpool.dict.lock.wait").tags("dict", name, "lock", "section", "result", result).timer().count();
    }
}
