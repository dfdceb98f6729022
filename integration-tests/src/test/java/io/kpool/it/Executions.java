package io.kpool.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every start of a {@link RecordedSleepTask}, as the workers recorded them: one file per worker
 * ({@code <worker>.executions}) of "marker start-epoch-ms" lines.
 */
final class Executions {
    private static final String SUFFIX = ".executions";

    /** One start of a task. */
    record Execution(String marker, String worker, long startMillis) {
    }

    private final List<Execution> all;

    private Executions(List<Execution> all) {
        this.all = all;
    }

    /** @return the file a worker named {@code worker} records its executions in */
    static Path file(Path directory, String worker) {
        return directory.resolve(worker + SUFFIX);
    }

    /** @return every execution recorded in {@code directory} so far, in the order they started */
    static Executions read(Path directory) {
        List<Execution> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                String worker = file.getFileName().toString().replace(SUFFIX, "");
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] fields = line.split(" ");
                    if (fields.length == 2) { // a line being written has no end yet
                        all.add(new Execution(fields[0], worker, Long.parseLong(fields[1])));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the executions in " + directory, e);
        }
        all.sort(Comparator.comparingLong(Execution::startMillis));
        return new Executions(all);
    }

    /** @return executions of markers starting with {@code prefix} */
    Executions of(String prefix) {
        return new Executions(all.stream().filter(e -> e.marker().startsWith(prefix)).toList());
    }

    /** @return every execution */
    List<Execution> all() {
        return all;
    }

    /** @return how many executions there were */
    long count() {
        return all.size();
    }

    /** @return the markers executed by {@code worker} */
    Set<String> markersBy(String worker) {
        return all.stream().filter(e -> e.worker().equals(worker)).map(Execution::marker).collect(Collectors.toSet());
    }

    /** @return the markers executed more than once, with the workers that executed them, in the order they started */
    Map<String, List<String>> repeated() {
        Map<String, List<String>> byMarker = new TreeMap<>();
        all.forEach(e -> byMarker.computeIfAbsent(e.marker(), m -> new ArrayList<>()).add(e.worker()));
        Map<String, List<String>> repeated = new LinkedHashMap<>();
        byMarker.forEach((marker, workers) -> {
            if (workers.size() > 1) {
                repeated.put(marker, workers);
            }
        });
        return repeated;
    }

    /** @return executions beyond the first of each marker */
    long duplicates() {
        return repeated().values().stream().mapToLong(workers -> workers.size() - 1).sum();
    }
}
