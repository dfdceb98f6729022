package io.kpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kpool.core.KpoolException;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The seed's Pool sections (apply, apply_async, callbacks) against a real broker and an in-JVM worker. */
@ExtendWith(KafkaBrokerExtension.class)
class PoolIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final List<AutoCloseable> opened = new ArrayList<>();
    private PoolClientOptions clientOptions;
    private PoolWorkerOptions workerOptions;

    @BeforeEach
    void setUp(TestKafka kafka) {
        String tasks = kafka.createTopic("tasks", 4);
        String callbacks = kafka.createTopic("callbacks", 4);
        clientOptions = PoolClientOptions.builder()
                .bootstrapServers(kafka.bootstrapServers()).tasksTopic(tasks).callbackTopic(callbacks).build();
        workerOptions = PoolWorkerOptions.builder()
                .bootstrapServers(kafka.bootstrapServers()).tasksTopic(tasks).callbackTopic(callbacks)
                .group(kafka.uniqueName("workers")).processes(4).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : opened) {
            if (closeable instanceof Pool pool) {
                pool.terminate();
            } else {
                closeable.close();
            }
        }
    }

    private PoolWorker worker(String name) {
        return worker(name, TaskRegistry.installed());
    }

    private PoolWorker worker(String name, TaskRegistry tasks) {
        PoolWorker worker = PoolWorker.start(workerOptions.toBuilder().clientId(name).build(), tasks);
        opened.add(worker);
        return worker;
    }

    private Pool pool(String name) {
        Pool pool = Pool.open(clientOptions.toBuilder().clientId(name).build());
        opened.add(pool);
        return pool;
    }

    @Test
    void applyBlocksAndReturnsEachSquareInOrder() {
        worker("w1");
        Pool pool = pool("main");

        List<Object> squares = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            squares.add(pool.apply("square", i));
        }

        assertThat(squares).containsExactly(0, 1, 4, 9, 16, 25, 36, 49, 64, 81);
        assertThat(pool.apply(TaskCall.of("square", 12).returning(Long.class))).isEqualTo(144L);
    }

    @Test
    void applyAsyncThenCloseJoinAndGetGivesEveryResult() {
        worker("w1");
        Pool pool = pool("main");
        List<AsyncResult<Object>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(pool.applyAsync("square", i));
        }

        pool.close();
        assertThatThrownBy(() -> pool.applyAsync("square", 1)).isInstanceOf(IllegalStateException.class);
        pool.join();

        assertThat(results).allSatisfy(result -> assertThat(result.ready()).isTrue());
        assertThat(results).allSatisfy(result -> assertThat(result.successful()).isTrue());
        assertThat(results.stream().map(result -> result.get(WAIT)).toList()).containsExactly(0, 1, 4, 9, 16, 25, 36, 49, 64, 81);
    }

    @Test
    void aBurstOfQuickTasksPackedIntoRecordsStillGivesEachTaskItsOwnResultOrError() {
        worker("w1");
        Pool pool = pool("burst");
        for (int i = 0; i < 20; i++) {
            pool.apply("square", i); // the client learns from these results that square is quick
        }
        List<AsyncResult<Object>> results = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            results.add(i == 250 ? pool.applyAsync("square", "not a number") : pool.applyAsync("square", i));
        }

        for (int i = 0; i < 500; i++) {
            if (i == 250) {
                assertThatThrownBy(() -> results.get(250).get(WAIT)).isInstanceOf(RemoteTaskException.class)
                        .hasMessageContaining(TaskArgumentException.class.getName());
            } else {
                assertThat(results.get(i).get(WAIT)).isEqualTo(i * i);
            }
        }
    }

    @Test
    void closeWithoutJoinReleasesTheConnectionsOnceTheLastResultIsIn() {
        worker("w1");
        Pool pool = pool("closer");
        AsyncResult<Object> result = pool.applyAsync("sleep", 0.5);

        pool.close();

        assertThat(result.get(WAIT)).isEqualTo(0.5);
        await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals("kpool-replies-closer")));
    }

    @Test
    void joinOnAnOpenPoolAndSuccessfulBeforeReadyAreErrorsAsInPython() {
        worker("w1");
        Pool pool = pool("main");
        AsyncResult<Object> slow = pool.applyAsync("sleep", 1);

        assertThatThrownBy(pool::join).isInstanceOf(IllegalStateException.class).hasMessageContaining("close()");
        assertThatThrownBy(slow::successful).isInstanceOf(IllegalStateException.class).hasMessageContaining("not ready");
        assertThatThrownBy(() -> slow.get(Duration.ofMillis(100))).isInstanceOf(TaskTimeoutException.class);
        assertThat(slow.get(WAIT)).as("a get that timed out does not abandon the task").isEqualTo(1.0);
    }

    @Test
    void callbacksRunOnTheCallbackThreadInArrivalOrderAndAThrowingOneDoesNotStopThePool() {
        worker("w1");
        Pool pool = pool("main");
        ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        pool.applyAsync(TaskCall.of("square", 2), result -> {
            throw new IllegalStateException("callback bug");
        }, null);
        for (int i = 0; i < 5; i++) {
            pool.applyAsync(TaskCall.of("echo", "page" + i),
                    result -> seen.add(Thread.currentThread().getName() + ":" + result), null);
        }
        pool.close();
        pool.join();

        assertThat(seen).hasSize(5).allSatisfy(entry -> assertThat(entry).startsWith("kpool-callbacks-main:page"));
    }

    @Test
    void aFailingTaskCarriesTheRemoteExceptionAndRunsTheErrorCallback() {
        worker("w1");
        Pool pool = pool("main");
        ConcurrentLinkedQueue<KpoolException> errors = new ConcurrentLinkedQueue<>();

        AsyncResult<Object> failed = pool.applyAsync(TaskCall.of("fail", "boom"), null, errors::add);

        assertThatThrownBy(() -> failed.get(WAIT)).isInstanceOfSatisfying(RemoteTaskException.class, e -> {
            assertThat(e.remoteType()).isEqualTo(IllegalStateException.class.getName());
            assertThat(e.remoteMessage()).isEqualTo("boom");
            assertThat(e.remoteStack()).contains("FailTask");
        });
        assertThat(failed.successful()).isFalse();
        await().atMost(WAIT).until(() -> errors.size() == 1);
    }

    @Test
    void anUnknownTaskOrWrongArgumentsFailNamingTheTaskOrArgument() {
        worker("w1");
        Pool pool = pool("main");

        assertThatThrownBy(() -> pool.apply("cube", 3)).isInstanceOfSatisfying(RemoteTaskException.class, e -> {
            assertThat(e.remoteType()).isEqualTo(UnknownTaskException.class.getName());
            assertThat(e.remoteMessage()).contains("'cube'").contains("square");
        });
        assertThatThrownBy(() -> pool.apply("square", "three")).isInstanceOfSatisfying(RemoteTaskException.class, e -> {
            assertThat(e.remoteType()).isEqualTo(TaskArgumentException.class.getName());
            assertThat(e.remoteMessage()).contains("'square'").contains("argument 0");
        });
        assertThatThrownBy(() -> pool.apply("square")).isInstanceOf(RemoteTaskException.class).hasMessageContaining("takes 1");
    }

    @Test
    void aTaskNotEnabledByDefaultRunsOnlyOnAWorkerThatSelectedItByName() throws Exception {
        workerOptions = workerOptions.toBuilder().processes(1).build();
        worker("default");
        Pool pool = pool("main");

        assertThatThrownBy(() -> pool.apply("opt-in")).isInstanceOfSatisfying(RemoteTaskException.class, e -> {
            assertThat(e.remoteType()).isEqualTo(UnknownTaskException.class.getName());
            assertThat(e.remoteMessage()).contains("'opt-in'");
        });

        opened.remove(0).close(); // only the selecting worker is left in the group
        worker("selecting", TaskRegistry.installed(List.of("opt-in", "square")));
        assertThat(pool.apply("opt-in")).isEqualTo("selected");
        assertThat(pool.apply("square", 4)).isEqualTo(16);
    }

    @Test
    void theMapFamilyKeepsOrderAcrossChunks() {
        worker("w1");
        Pool pool = pool("main");
        List<Integer> numbers = IntStream.range(0, 25).boxed().toList();
        List<Long> squares = numbers.stream().map(n -> (long) n * n).toList();

        assertThat(pool.map("square", numbers, Long.class, 1)).isEqualTo(squares);
        assertThat(pool.map("square", numbers, Long.class, 7)).isEqualTo(squares);
        assertThat(pool.mapAsync("square", numbers, Long.class, 4, null, null).get(WAIT)).isEqualTo(squares);
        List<Long> inOrder = new ArrayList<>();
        pool.imap("square", numbers, Long.class, 3).forEachRemaining(inOrder::add);
        assertThat(inOrder).isEqualTo(squares);
        List<Long> unordered = new ArrayList<>();
        Iterator<Long> iterator = pool.imapUnordered("square", numbers, Long.class, 5);
        iterator.forEachRemaining(unordered::add);
        assertThat(unordered).containsExactlyInAnyOrderElementsOf(squares);
        assertThat(pool.starmap("echo", List.of(List.of(1, 2), List.of(3, 4)), List.class, 1))
                .containsExactly(List.of(1, 2), List.of(3, 4));
        assertThatThrownBy(() -> pool.map("square", numbers, Long.class, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunksize");
    }

    @Test
    void aChunkWhoseResultsOutgrowARecordStillGivesEveryResultInOrder() {
        worker("w1");
        Pool pool = pool("main");
        // 150,001 squares of numbers above a million: about 2 MB of JSON, twice a record's default limit
        List<Long> numbers = LongStream.range(1_000_000, 1_150_001).boxed().toList();
        List<Long> squares = numbers.stream().map(n -> n * n).toList();

        assertThat(pool.map("square", numbers, Long.class, 150_001)).isEqualTo(squares);
        List<Long> inOrder = new ArrayList<>();
        pool.imap("square", numbers, Long.class, 100_000).forEachRemaining(inOrder::add);
        assertThat(inOrder).isEqualTo(squares);
    }

    @Test
    void fiveClientsSubmittingAtOnceEachGetExactlyTheirOwnResults() throws Exception {
        worker("w1");
        ExecutorService clients = Executors.newFixedThreadPool(5);
        try {
            List<Future<List<Object>>> futures = new ArrayList<>();
            for (int c = 0; c < 5; c++) {
                int client = c;
                // clients 0-2 share reply partition 0: each must skip the others' results
                Pool pool = Pool.open(clientOptions.toBuilder().clientId("client-" + c).replyPartition(c < 3 ? 0 : c % 4).build());
                opened.add(pool);
                futures.add(clients.submit(() -> {
                    List<AsyncResult<Object>> results = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        results.add(pool.applyAsync("echo", "c" + client + "-" + i));
                    }
                    return results.stream().map(r -> r.get(WAIT)).toList();
                }));
            }
            for (int c = 0; c < 5; c++) {
                int client = c;
                assertThat(futures.get(c).get(60, TimeUnit.SECONDS))
                        .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> (Object) ("c" + client + "-" + i)).toList());
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aSecondWorkerJoiningSharesTheLoad() {
        workerOptions = workerOptions.toBuilder().processes(2).build();
        PoolWorker first = worker("w1");
        Pool pool = pool("main");
        List<AsyncResult<Object>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            results.add(pool.applyAsync("sleep", 1.5)); // 30 s for one worker: the group's heartbeats move partitions within ~15 s
        }
        PoolWorker second = worker("w2");

        results.forEach(result -> assertThat(result.get(Duration.ofSeconds(90))).isEqualTo(1.5));
        // a worker counts a task once the broker acknowledged its result, which can come after the client read it
        await().atMost(WAIT).untilAsserted(() -> assertThat(first.completed() + second.completed()).isEqualTo(40));
        assertThat(second.completed()).as("the second worker took tasks").isPositive();
    }

    @Test
    void aTaskTimeoutFailsTheTaskAndItsLateResultIsDropped() {
        worker("w1");
        Pool pool = Pool.open(clientOptions.toBuilder().clientId("impatient").taskTimeout(Duration.ofMillis(500)).build());
        opened.add(pool);

        AsyncResult<Object> late = pool.applyAsync("sleep", 2);

        assertThatThrownBy(() -> late.get(WAIT)).isInstanceOf(TaskTimeoutException.class).hasMessageContaining("task timeout");
        assertThat(pool.apply("square", 5)).as("the pool goes on").isEqualTo(25);
        assertThat(pool.pending()).isZero();
    }

    @Test
    void resultsAreTypedByClassOrTypeReference() {
        worker("w1");
        Pool pool = pool("main");

        Map<String, Integer> echoed = pool.apply(TaskCall.of("echo", Map.of("a", 1))
                .returning(new com.fasterxml.jackson.core.type.TypeReference<Map<String, Integer>>() { }));

        assertThat(echoed).isEqualTo(Map.of("a", 1));
        assertThatThrownBy(() -> pool.apply(TaskCall.of("echo", "text").returning(Integer.class)))
                .isInstanceOf(KpoolException.class).hasMessageContaining("cannot be read as");
    }
}
