package io.kpool.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table is {@link KpoolConfig#markdownTable()}. To regenerate it after
 * changing a setting: {@code mvn -pl core test -Dtest=ReadmeConfigTableTest -Dkpool.readme.update=true}.
 */
class ReadmeConfigTableTest {
    private static final String START = "<!-- kpool-config-table:start (generated from KpoolConfig; a test keeps it in sync) -->\n";
    private static final String END = "<!-- kpool-config-table:end -->";

    @Test
    void readmeConfigurationTableMatchesTheSettingsDefinitions() throws IOException {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        assertThat(start).as("README has the table's start marker").isNotNegative();
        assertThat(end).as("README has the table's end marker").isGreaterThan(start);
        String table = KpoolConfig.markdownTable();
        if (Boolean.getBoolean("kpool.readme.update")) {
            Files.writeString(readme, text.substring(0, start + START.length()) + table + text.substring(end), StandardCharsets.UTF_8);
            return;
        }
        assertThat(text.substring(start + START.length(), end)).isEqualTo(table);
    }
}
