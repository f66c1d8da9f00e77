package io.pressroom.domain.file;

import java.time.Duration;
import java.util.Map;

/**
 * How often the file sweep runs ({@code interval}; zero: never) and how old leftovers must be
 * before it removes them ({@code minAge}): staged bytes of an upload that never finished, and
 * stored bytes no {@code files} row points to (a crash between promotion and commit, or a
 * deletion whose clean-up did not run). The age keeps uploads in flight safe: a staged file is
 * written to at least every few seconds, and a promoted one is committed within its transaction.
 */
public record FileSweepSettings(Duration interval, Duration minAge) {

    public static final String INTERVAL_SECONDS = "PRESSROOM_FILE_SWEEP_SECONDS";
    public static final String MIN_AGE_SECONDS = "PRESSROOM_FILE_SWEEP_MIN_AGE_SECONDS";

    public FileSweepSettings {
        if (interval == null || interval.isNegative()) {
            throw new IllegalArgumentException("the file sweep interval must be >= 0, was " + interval);
        }
        if (minAge == null || minAge.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("the file sweep's minimum age must be at least a minute, was " + minAge);
        }
    }

    /** Every hour, leftovers older than an hour. */
    public static FileSweepSettings defaults() {
        return new FileSweepSettings(Duration.ofHours(1), Duration.ofHours(1));
    }

    /** No background sweep (library users and tests that sweep by hand). */
    public static FileSweepSettings off() {
        return new FileSweepSettings(Duration.ZERO, Duration.ofHours(1));
    }

    public boolean enabled() {
        return !interval.isZero();
    }

    /**
     * Reads {@value #INTERVAL_SECONDS} (default 3600; 0 turns the sweep off) and
     * {@value #MIN_AGE_SECONDS} (default 3600, at least 60); anything else is refused with a
     * message naming the variable.
     */
    public static FileSweepSettings fromEnvironment(Map<String, String> env) {
        long interval = seconds(env, INTERVAL_SECONDS, 3600, 0);
        long minAge = seconds(env, MIN_AGE_SECONDS, 3600, 60);
        return new FileSweepSettings(Duration.ofSeconds(interval), Duration.ofSeconds(minAge));
    }

    private static long seconds(Map<String, String> env, String name, long fallback, long min) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value < min || value > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of seconds >= " + min + ", was '" + raw + "'");
        }
    }
}
