package io.kpool.bench;

/** Prints how far a long measurement has got, at most once a second, on one line that updates in place. */
final class Progress {
    private final String label;
    private final long total;
    private long nextPrint = System.nanoTime() + 1_000_000_000L;

    Progress(String label, long total) {
        this.label = label;
        this.total = total;
    }

    void update(long done) {
        long now = System.nanoTime();
        if (now - nextPrint >= 0) {
            nextPrint = now + 1_000_000_000L;
            System.out.printf("   %s: %,d / %,d (%d%%)%n", label, done, total, total == 0 ? 100 : done * 100 / total);
        }
    }
}
