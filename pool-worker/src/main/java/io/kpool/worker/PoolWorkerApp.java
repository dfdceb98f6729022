package io.kpool.worker;

/** Placeholder until the pool worker lands (issue 3). */
public final class PoolWorkerApp {
    private PoolWorkerApp() {
    }

    /** @param args the command line */
    public static void main(String[] args) {
        throw new UnsupportedOperationException("pool-worker is not built yet");
    }
}
