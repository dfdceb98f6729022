package io.kpool.service;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM / Ctrl-C handling for a service's main loop: the signal sets {@link #isRequested()}, the
 * loop finishes its current work, commits and calls {@link #finished()}, and the process exits 0 (a
 * clean stop, not the JVM's 143). An exit the service chose itself keeps its own exit code.
 */
public final class GracefulShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);

    private final String service;
    private final Duration grace;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean requested;

    private GracefulShutdown(String service, Duration grace) {
        this.service = service;
        this.grace = grace;
    }

    /**
     * @param service names the service in the log line
     * @param grace how long the main loop may take to finish after the signal
     * @return the installed handler
     */
    public static GracefulShutdown install(String service, Duration grace) {
        GracefulShutdown shutdown = new GracefulShutdown(service, grace);
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown::onSignal, "kpool-shutdown-" + service));
        return shutdown;
    }

    /** @return true once a signal asked the service to stop */
    public boolean isRequested() {
        return requested;
    }

    /** The main loop has stopped and committed; call it in a {@code finally}. */
    public void finished() {
        finished.countDown();
    }

    private void onSignal() {
        if (ServiceCommand.isExiting()) {
            return;
        }
        requested = true;
        LOG.info("{} received a stop signal: finishing current work", service);
        try {
            if (!finished.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} did not stop within {}; exiting anyway, unfinished items go to the rest of the group", service, grace);
                Runtime.getRuntime().halt(ServiceCommand.FAILED);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(0);
    }
}
