package io.kpool.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kpool.core.internal.kafka.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The README's limits of queue items and task records are the reader's. */
class ReadmeLimitsTest {

    @Test
    void theReadmeStatesTheLimitsTheWireReaderEnforces() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("**Limits of queue items and task records**");
        assertThat(start).as("README has the limits paragraph").isNotNegative();
        String limits = readme.substring(start, readme.indexOf("\n\n", start)).replaceAll("\\s+", " ");

        assertThat(limits).contains("nesting at most " + Json.MAX_NESTING_DEPTH + " levels")
                .contains(String.format(Locale.ROOT, "strings at most %,d characters", Json.MAX_STRING_LENGTH))
                .contains(String.format(Locale.ROOT, "numbers at most %,d characters", Json.MAX_NUMBER_LENGTH))
                .contains(KpoolConfig.POOL_MAX_BATCH_TASKS);
    }
}
