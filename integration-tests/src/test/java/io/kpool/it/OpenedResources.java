package io.kpool.it;

import io.kpool.pool.Pool;
import java.util.ArrayList;
import java.util.List;

/** What a test opened (clients, processes, servers), closed at its end in the order opened: a {@link Pool} terminated. */
final class OpenedResources implements AutoCloseable {
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** @return {@code closeable}, closed at the end ({@link Pool}s terminated) */
    <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : opened) {
            if (closeable instanceof Pool pool) {
                pool.terminate();
            } else {
                close(closeable);
            }
        }
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while closing " + closeable, e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot close " + closeable, e);
        }
    }
}
