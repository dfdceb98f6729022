package io.kpool.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average (Linux {@code /proc/loadavg}), printed before and after each benchmark. */
final class MachineLoad {
    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private MachineLoad() {
    }

    /** @return "1.08 1.12 1.18" (1, 5 and 15 minutes), or "n/a" where the OS does not say */
    static String now() {
        try {
            String[] fields = Files.readString(LOADAVG).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return load < 0 ? "n/a" : "%.2f".formatted(load);
        }
    }

    /** Prints the load average with a label, e.g. "load average before: 1.08 1.12 1.18". */
    static String print(String when) {
        String load = now();
        System.out.printf("load average (1, 5, 15 min) %s: %s%n", when, load);
        return load;
    }
}
