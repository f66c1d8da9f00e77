package io.pressroom.persistence.printjob;

import io.pressroom.domain.printjob.SweepLapsedLeases;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the lease sweeper every sweep interval, and the queue's own vacuum check ({@link QueueVacuum},
 * which does nothing where autovacuum runs) every {@link QueueVacuum#MIN_INTERVAL}, on one daemon
 * thread until closed.
 */
public final class JobSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobSweeper.class);
    private final ScheduledExecutorService executor;

    private JobSweeper(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    public static JobSweeper start(SweepLapsedLeases sweeper, Duration interval, QueueVacuum vacuum) {
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pressroom-lease-sweeper");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, interval.toMillis());
        int[] failures = {0};
        ex.scheduleWithFixedDelay(() -> {
            try {
                int n = sweeper.sweep();
                failures[0] = 0;
                if (n > 0) {
                    LOG.info("lease sweeper: {} print job(s) whose agent stopped reporting went back to the queue (or failed)", n);
                }
            } catch (RuntimeException e) {
                // the first failure of a run of them is a warning; the rest (database down) only debug
                if (failures[0]++ == 0) {
                    LOG.warn("lease sweeper failed (retrying every {} ms): {}", ms, e.toString());
                } else {
                    LOG.debug("lease sweeper failed again: {}", e.toString());
                }
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
        if (vacuum != null) {
            long every = QueueVacuum.MIN_INTERVAL.toMillis();
            ex.scheduleWithFixedDelay(() -> {
                try {
                    vacuum.runIfDue();
                } catch (RuntimeException e) {
                    LOG.debug("queue vacuum failed: {}", e.toString());
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }
        return new JobSweeper(ex);
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
