package io.kpool.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One benchmark's figures as Markdown table rows (measurement, baseline, kpool, ratio, target), with the
 * machine's load average when it began and when it ended. Every report printed is also kept for the
 * summary of {@code bench all}.
 */
final class Report {
    static final String HEADER = "| benchmark | measurement | baseline | kpool | kpool / baseline | target | load avg before → after |\n"
            + "|---|---|---:|---:|---:|---|---|";
    private static final List<String> PRINTED = Collections.synchronizedList(new ArrayList<>());

    private final String benchmark;
    private final String loadBefore;
    private final List<String[]> rows = new ArrayList<>();

    Report(String benchmark) {
        this.benchmark = benchmark;
        this.loadBefore = MachineLoad.print("before " + benchmark);
    }

    /** A figure beside its baseline; the ratio is kpool / baseline. */
    void row(String measurement, double baseline, double kpool, String target) {
        rows.add(new String[] {measurement, format(baseline), format(kpool), "%.2f".formatted(kpool / baseline), target});
    }

    /** A figure whose baseline is not a number of the same kind (e.g. an efficiency against an ideal). */
    void row(String measurement, String baseline, String kpool, String ratio, String target) {
        rows.add(new String[] {measurement, baseline, kpool, ratio, target});
    }

    static String format(double value) {
        return Double.isNaN(value) ? "–" : Math.abs(value) >= 100 ? "%,.0f".formatted(value) : "%.2f".formatted(value);
    }

    /** Prints the table, with the load average now. */
    void print() {
        String loadAfter = MachineLoad.print("after " + benchmark);
        System.out.println();
        System.out.println(HEADER);
        for (String[] row : rows) {
            String line = "| %s | %s | %s | %s | %s | %s | %s → %s |".formatted(benchmark, row[0], row[1], row[2], row[3], row[4],
                    loadBefore, loadAfter);
            System.out.println(line);
            PRINTED.add(line);
        }
        System.out.println();
    }

    /** @return every row printed so far in this JVM, in order */
    static List<String> printed() {
        return List.copyOf(PRINTED);
    }
}
