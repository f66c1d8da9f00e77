package io.pressroom.persistence;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's periodic work (the lease sweeper, the queue's vacuum, the file sweep) on daemon
 * threads until closed. Each task first runs one interval after it is added, so it never slows
 * start-up. A task that throws is retried at its next turn: the first failure of a run of them is
 * a warning, the rest (the database is down) debug only.
 */
public final class Background implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Background.class);
    private final ScheduledExecutorService executor;

    public Background() {
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "pressroom-background-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} every {@code interval}; {@code name} names it in the log. */
    public void every(Duration interval, String name, Runnable task) {
        long ms = Math.max(1, interval.toMillis());
        int[] failures = {0};
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
                failures[0] = 0;
            } catch (RuntimeException e) {
                if (failures[0]++ == 0) {
                    LOG.warn("{} failed (retrying every {} ms): {}", name, ms, e.toString());
                } else {
                    LOG.debug("{} failed again: {}", name, e.toString());
                }
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
