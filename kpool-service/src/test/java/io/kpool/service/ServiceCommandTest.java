package io.kpool.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpool.core.KpoolConfigException;
import io.kpool.core.KpoolException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class ServiceCommandTest {
    @Command(name = "probe")
    static final class Probe implements Callable<Integer> {
        private final RuntimeException failure;

        Probe(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() {
            throw failure;
        }
    }

    @Test
    void aFailureExpectedInOperationIsOneLineAndExitsOne() {
        assertThat(run(new KpoolException("Cannot create topic 't'"))).isEqualTo("1|probe failed: Cannot create topic 't'");
        assertThat(run(new TimeoutException("Timeout of 15000ms expired before the position could be determined")))
                .isEqualTo("1|probe failed: Timeout of 15000ms expired before the position could be determined"
                        + " (is Kafka running at the configured bootstrap.servers?)");
    }

    @Test
    void aConfigurationErrorExitsTwo() {
        assertThat(run(new KpoolConfigException("kpool.pool.threads must be at least 1"))).isEqualTo(
                "2|Configuration error: kpool.pool.threads must be at least 1");
        assertThat(run(new IllegalArgumentException("--max must be at least 1, got 0"))).isEqualTo(
                "2|Configuration error: --max must be at least 1, got 0");
    }

    private static String run(RuntimeException failure) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = ServiceCommand.run(new Probe(failure));
        } finally {
            System.setErr(saved);
        }
        return code + "|" + err.toString(StandardCharsets.UTF_8).strip();
    }
}
