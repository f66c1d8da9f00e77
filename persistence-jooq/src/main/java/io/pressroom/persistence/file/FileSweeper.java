package io.pressroom.persistence.file;

import io.pressroom.domain.file.FileService;
import io.pressroom.domain.file.FileSweepSettings;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link FileService#sweepAll} every {@link FileSweepSettings#interval()} on a daemon
 * thread until closed: the first run one interval after start, so a restart after a crash cleans
 * up within an interval without slowing the start itself.
 */
public final class FileSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FileSweeper.class);
    private final ScheduledExecutorService executor;

    private FileSweeper(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    public static FileSweeper start(FileService files, FileSweepSettings settings, Clock clock) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("the file sweep is off (interval 0)");
        }
        ScheduledExecutorService ex = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pressroom-file-sweeper");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, settings.interval().toMillis());
        int[] failures = {0};
        ex.scheduleWithFixedDelay(() -> {
            try {
                FileService.SweepResult r = files.sweepAll(settings.minAge(), clock.instant());
                failures[0] = 0;
                if (r.staged() > 0 || r.orphans() > 0) {
                    LOG.info("file sweep: removed {} unfinished upload(s) and {} stored file(s) no row points to (older than {})",
                            r.staged(), r.orphans(), settings.minAge());
                }
            } catch (RuntimeException e) {
                if (failures[0]++ == 0) {
                    LOG.warn("file sweep failed (retrying every {} ms): {}", ms, e.toString());
                } else {
                    LOG.debug("file sweep failed again: {}", e.toString());
                }
            }
        }, ms, ms, TimeUnit.MILLISECONDS);
        return new FileSweeper(ex);
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
