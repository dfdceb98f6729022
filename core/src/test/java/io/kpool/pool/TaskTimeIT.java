package io.kpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tasks whose client gave up are not run, and a task that hangs is cut off: on a real broker. */
@ExtendWith(KafkaBrokerExtension.class)
class TaskTimeIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final AtomicInteger runs = new AtomicInteger();
    private PoolFixture fixture;
    private PoolClientOptions client;
    private PoolWorkerOptions worker;

    /** Counts its runs and sleeps the given milliseconds. */
    private final Task counted = new Task() {
        @Override
        public String name() {
            return "time.counted";
        }

        @Override
        public Object execute(TaskArguments arguments) throws InterruptedException {
            runs.incrementAndGet();
            Thread.sleep(arguments.getLong(0));
            return "ran";
        }
    };

    @BeforeEach
    void topics(TestKafka kafka) {
        fixture = new PoolFixture(kafka, "time", 2, 2);
        client = fixture.client().replyPartition(0).build();
        worker = fixture.worker().processes(2).build();
    }

    @AfterEach
    void close() throws Exception {
        fixture.close();
    }

    private <T extends AutoCloseable> T track(T closeable) {
        return fixture.track(closeable);
    }

    @Test
    void tasksWhoseClientTimedOutExpireAndAWorkerStartedLaterDoesNotRunThem() {
        Pool impatient = track(Pool.open(client.toBuilder().clientId("impatient").taskTimeout(Duration.ofSeconds(1)).build()));
        List<AsyncResult<Object>> abandoned = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            abandoned.add(impatient.applyAsync("time.counted", 10));
        }
        abandoned.forEach(result -> assertThatThrownBy(() -> result.get(WAIT)).isInstanceOf(TaskTimeoutException.class));

        PoolWorker late = track(PoolWorker.start(worker, TaskRegistry.installed().with(counted)));
        Pool patient = track(Pool.open(client.toBuilder().clientId("patient").build()));

        assertThat(patient.apply("time.counted", 1)).as("the worker runs new work").isEqualTo("ran");
        await().atMost(WAIT).until(() -> late.expired() == 11);
        assertThat(runs).as("only the patient client's task ran").hasValue(1);
    }

    @Test
    void aTaskPastItsTimeLimitFailsNamingTheLimitAndTheWorkerGoesOn() {
        PoolWorker strict = track(PoolWorker.start(worker.toBuilder().taskTimeLimit(Duration.ofSeconds(20)).build(),
                TaskRegistry.installed().with(counted)));
        Pool pool = track(Pool.open(client.toBuilder().clientId("caller").build()));

        assertThatThrownBy(() -> pool.apply(TaskCall.of("time.counted", 60_000).timeLimit(Duration.ofMillis(300))))
                .isInstanceOf(RemoteTaskException.class).hasMessageContaining("time limit of PT0.3S");
        assertThat(pool.apply("time.counted", 1)).isEqualTo("ran");
        assertThat(strict.isRunning()).isTrue();
    }
}
