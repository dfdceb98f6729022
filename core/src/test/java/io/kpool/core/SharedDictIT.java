package io.kpool.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared dict against a real broker, with several clients (each its own producer and consumer) in one JVM. */
@ExtendWith(KafkaBrokerExtension.class)
class SharedDictIT {
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<SharedDict> opened = new ArrayList<>();
    private SharedDictOptions options;
    private String name;

    @BeforeEach
    void setUp(TestKafka kafka) {
        options = SharedDictOptions.builder().bootstrapServers(kafka.bootstrapServers()).build();
        name = kafka.uniqueName("dict");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        opened.forEach(SharedDict::close);
    }

    private SharedDict open(String client, Map<String, ?> initial) {
        SharedDict dict = SharedDict.open(options.toBuilder().clientId(client).build(), name, initial);
        synchronized (opened) {
            opened.add(dict);
        }
        return dict;
    }

    @Test
    void tenClientsOpeningWithCountHundredAndDecrementingOnceEachLeaveNinety() throws Exception {
        List<Future<?>> processes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String client = "process-" + i;
            processes.add(threads.submit(() -> open(client, Map.of("count", 100)).incrementBy("count", -1)));
        }
        for (Future<?> process : processes) {
            process.get(60, TimeUnit.SECONDS);
        }

        SharedDict late = open("printer", Map.of("count", 100));
        assertThat(late.snapshot()).isEqualTo(Map.of("count", IntNode.valueOf(90)));
        assertThat(late.snapshot().toString()).isEqualTo("{count=90}");
    }

    @Test
    void concurrentIncrementsAndUpdatesFromSeveralClientsLoseNothing() throws Exception {
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String client = "client-" + i;
            clients.add(threads.submit(() -> {
                SharedDict dict = open(client, Map.of());
                List<CompletableFuture<Long>> increments = new ArrayList<>();
                for (int n = 0; n < 500; n++) {
                    increments.add(dict.incrementByAsync("hits", 1));
                }
                for (int n = 0; n < 25; n++) {
                    dict.update("hits", Long.class, hits -> hits == null ? 1000 : hits + 1000);
                }
                CompletableFuture.allOf(increments.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                return null;
            }));
        }
        for (Future<?> client : clients) {
            client.get(120, TimeUnit.SECONDS);
        }

        SharedDict reader = open("reader", Map.of());
        assertThat(reader.get("hits", Long.class)).contains(4 * 500 + 4 * 25 * 1000L);
    }
}
