package io.kpool.dict.internal.fold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The README's dict wire format states the numbers the fold enforces, and a row for every operation. */
class ReadmeWireFormatTest {

    private static String dictWireFormat() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("**Wire format.** Topic `<kpool.dict.topic.prefix><name>`");
        int end = readme.indexOf("**Performance**", start);
        assertThat(start).as("README has the dict's wire format").isNotNegative();
        assertThat(end).isGreaterThan(start);
        return readme.substring(start, end).replaceAll("\\s+", " ");
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    @Test
    void everyLimitTheFoldEnforcesIsTheNumberTheReadmeStates() throws IOException {
        String text = dictWireFormat();

        assertThat(text)
                .contains("at most " + WireLimits.MAX_RECORD_DEPTH + " levels of objects and arrays")
                .contains("a `value` nests at most " + WireLimits.MAX_VALUE_DEPTH + " levels")
                .contains("at most " + number(WireLimits.MAX_STRING_LENGTH) + " code points")
                .contains("at most " + number(WireLimits.MAX_NUMBER_LENGTH) + " characters as written")
                .contains("strings of 1 to " + number(WireLimits.MAX_NAME_LENGTH) + " code points")
                .contains("for more than " + number(WireLimits.FORGET_WRITER_AFTER_MS) + " ms");
    }

    @Test
    void everyOperationHasARowInTheReadmesFoldTable() throws IOException {
        String text = dictWireFormat();

        for (OperationType type : OperationType.values()) {
            assertThat(text).contains("| `" + type.wireName() + "` |");
        }
    }
}
