package io.kpool.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kpool.service.ServiceCommand;
import io.kpool.test.kafka.KafkaBrokerExtension;
import io.kpool.test.kafka.TestKafka;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine.Command;

/**
 * Every benchmark at a tiny size against a real broker: each must finish with exit code 0 and check its
 * results (timings are not asserted: being slow never fails a benchmark); a wrong result exits 1.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(120)
class BenchSmokeIT {

    private static int bench(TestKafka kafka, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "-b";
        all[args.length + 1] = kafka.bootstrapServers();
        return ServiceCommand.run(new BenchMain(), all);
    }

    @Test
    void queueMovesEveryItemThroughBothPipelines(TestKafka kafka) {
        assertThat(bench(kafka, "queue", "--items", "2000", "--rounds", "1")).isZero();
    }

    @Test
    void mapGivesEveryResultForEveryChunksizeIncludingOnesAboveTheMessageLimit(TestKafka kafka) {
        assertThat(bench(kafka, "map", "--items", "25000", "--chunksizes", "1,1000,20000", "--check-sizes", "1,7")).isZero();
    }

    @Test
    void scaleRunsWorkerProcessesAndManyClients(TestKafka kafka) {
        assertThat(bench(kafka, "scale", "--workers", "1", "--seconds", "1", "--clients", "2", "--client-tasks", "200")).isZero();
    }

    @Test
    void latencyMeasuresApplyIdleAndUnderLoad(TestKafka kafka) {
        assertThat(bench(kafka, "latency", "--calls", "50")).isZero();
    }

    @Test
    void poolMeasuresThroughputAndApply(TestKafka kafka) {
        assertThat(bench(kafka, "pool", "--tasks", "2000", "--rounds", "1", "--warmup", "0", "--calls", "50")).isZero();
    }

    @Test
    void aWrongResultExitsWithOne() {
        assertThat(ServiceCommand.run(new WrongResult())).isEqualTo(ServiceCommand.FAILED);
        ItemTally tally = new ItemTally(3);
        tally.mark(0);
        tally.mark(2);
        tally.mark(2);
        assertThat(tally.duplicates()).isEqualTo(1);
        assertThatThrownBy(() -> tally.checkComplete("test")).isInstanceOf(Stats.WrongResultException.class)
                .hasMessageContaining("1 of 3 item(s) never arrived");
    }

    @Command(name = "wrong")
    static final class WrongResult implements Callable<Integer> {
        @Override
        public Integer call() {
            Stats.check(false, "square(3) came back as 8");
            return 0;
        }
    }
}
