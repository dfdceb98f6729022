package io.kpool.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's complete Pool client is {@code docs/readme-client}, which {@code .ci/run} builds against the
 * installed {@code io.kpool:kpool-core} and runs ({@code docs/readme-client/check}); this test keeps the
 * README's copy of its source and of its dependency equal to the files.
 */
class ReadmeClientTest {
    private static final Path ROOT = Path.of("..");

    private static String between(String text, String marker) {
        Matcher matcher = Pattern.compile("<!-- " + marker + ":start[^\\n]*-->\\n```\\w+\\n(.*?)```\\n<!-- " + marker + ":end -->",
                Pattern.DOTALL).matcher(text);
        assertThat(matcher.find()).as("README has the %s block between its markers", marker).isTrue();
        return matcher.group(1);
    }

    private static String read(String path) throws IOException {
        return Files.readString(ROOT.resolve(path), StandardCharsets.UTF_8);
    }

    @Test
    void theReadmesPoolClientIsTheProgramCiBuildsAndRuns() throws IOException {
        assertThat(between(read("README.md"), "readme-client"))
                .isEqualTo(read("docs/readme-client/src/main/java/com/example/Squares.java"));
    }

    @Test
    void theReadmesDependencyIsTheOneTheProgramBuildsWith() throws IOException {
        String dependency = between(read("README.md"), "readme-dependency");
        String pom = read("docs/readme-client/pom.xml").replaceAll("\\s+", "");

        assertThat(pom).contains(dependency.replaceAll("\\s+", ""));
        assertThat(dependency).contains("<version>" + projectVersion() + "</version>");
    }

    private static String projectVersion() throws IOException {
        Matcher version = Pattern.compile("<artifactId>kpool-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(read("pom.xml"));
        assertThat(version.find()).as("the parent pom's version").isTrue();
        return version.group(1);
    }
}
