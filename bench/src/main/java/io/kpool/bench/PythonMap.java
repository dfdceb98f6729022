package io.kpool.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The map benchmark's baseline: Python's {@code multiprocessing.Pool(P).map(square, range(n), chunksize=C)},
 * run with the {@code python3} found on PATH (script {@code python_map.py}). Chunksize 1 runs on at most
 * 100,000 items (Python's per-item cost is the figure, not the total).
 */
final class PythonMap {
    private PythonMap() {
    }

    /** @return tasks/s per chunksize; empty if python3 is not on PATH */
    static Map<Integer, Double> run(int processes, int items, List<Integer> chunksizes) throws IOException, InterruptedException {
        Optional<Path> python = onPath("python3");
        if (python.isEmpty()) {
            System.out.println("   python3 not found, Python baseline skipped");
            return Map.of();
        }
        Path script = Files.createTempFile("kpool-bench-map", ".py");
        try (InputStream in = PythonMap.class.getResourceAsStream("python_map.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<String> command = new ArrayList<>(List.of(python.get().toString(), script.toString(), Integer.toString(processes),
                Integer.toString(items), chunksizes.stream().map(String::valueOf).collect(Collectors.joining(","))));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<Integer, Double> rates = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String[] fields = line.trim().split(" ");
                if (fields.length == 3 && fields[0].matches("\\d+")) {
                    rates.put(Integer.valueOf(fields[0]), Double.valueOf(fields[2]));
                    System.out.printf("   Python Pool(%d).map, chunksize %s, %,d items: %,.0f tasks/s%n", processes, fields[0],
                            Long.parseLong(fields[1]), Double.parseDouble(fields[2]));
                } else {
                    System.out.println("   python3: " + line);
                }
            }
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            System.out.println("   python3 failed; Python baseline incomplete");
        }
        Files.deleteIfExists(script);
        return rates;
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
