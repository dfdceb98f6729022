package io.kpool.it;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single broker SIGKILLed and started again on its data, three times, while a client's tasks run on two
 * pool-worker processes: nothing is lost, nothing delivered twice, no task runs twice, every service survives.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BrokerRestartIT {
    private static final int KILLS = 3;

    @Test
    void threeBrokerKillsAndRestartsDuringAPoolRunLoseNothingAndRunNoTaskTwice(@TempDir Path dataDir) throws Exception {
        BrokerFaults.assumeNotOnDockerStage();
        int port = BrokerProcess.freePorts(1);
        try (BrokerProcess broker = BrokerProcess.start("broker", dataDir, port);
             ProcessKafka kafka = new ProcessKafka("localhost:" + port);
             PoolFaultRun run = new PoolFaultRun(kafka, 4)) {
            run.worker("w1");
            run.worker("w2");
            long inFlight = 0;
            for (int i = 0; i < KILLS; i++) {
                run.submit(60, 0.2);
                run.awaitResults(10);
                inFlight += run.pending();
                broker.kill();
                broker.restart();
            }
            run.submit(20, 0.2);

            CallbackResults topic = run.settle();

            run.assertEveryTaskAnsweredOnceAndRunOnce(run.figures("broker SIGKILL + restart x3", topic, KILLS, inFlight), topic);
        }
    }
}
