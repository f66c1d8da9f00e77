package io.pressroom.domain.printjob;

import java.time.Duration;
import java.util.Map;

/**
 * How the queue behaves: how long a claim holds without a report ({@code lease}), how often
 * lapsed leases are swept back ({@code sweepInterval}), and after how many attempts a job
 * whose lease keeps lapsing fails ({@code maxAttempts}).
 */
public record QueueSettings(Duration lease, Duration sweepInterval, int maxAttempts) {

    public static final String LEASE_SECONDS = "PRESSROOM_JOB_LEASE_SECONDS";
    public static final String SWEEP_SECONDS = "PRESSROOM_JOB_SWEEP_SECONDS";
    public static final String MAX_ATTEMPTS = "PRESSROOM_JOB_MAX_ATTEMPTS";

    public QueueSettings {
        if (lease == null || lease.isZero() || lease.isNegative()) {
            throw new IllegalArgumentException("the job lease must be > 0, was " + lease);
        }
        if (sweepInterval == null || sweepInterval.isZero() || sweepInterval.isNegative()) {
            throw new IllegalArgumentException("the sweep interval must be > 0, was " + sweepInterval);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("the maximum attempts must be >= 1, was " + maxAttempts);
        }
    }

    /** Defaults: lease 60 s, sweep every 30 s, 3 attempts. */
    public static QueueSettings defaults() {
        return of(Duration.ofSeconds(60));
    }

    /** The given lease, swept every half lease (at most 30 s), 3 attempts. */
    public static QueueSettings of(Duration lease) {
        return new QueueSettings(lease, defaultSweep(lease), 3);
    }

    private static Duration defaultSweep(Duration lease) {
        Duration half = lease.dividedBy(2);
        Duration capped = half.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : half;
        return capped.isZero() ? Duration.ofMillis(Math.max(1, lease.toMillis() / 2)) : capped;
    }

    /**
     * Reads {@value #LEASE_SECONDS} (default 60), {@value #SWEEP_SECONDS} (default half the
     * lease, at most 30) and {@value #MAX_ATTEMPTS} (default 3); a value that is not a positive
     * integer is refused with a message naming the variable.
     */
    public static QueueSettings fromEnvironment(Map<String, String> env) {
        Duration lease = Duration.ofSeconds(positive(env, LEASE_SECONDS, 60));
        String sweepRaw = env.get(SWEEP_SECONDS);
        Duration sweep = sweepRaw == null || sweepRaw.isBlank()
                ? defaultSweep(lease) : Duration.ofSeconds(positive(env, SWEEP_SECONDS, 0));
        return new QueueSettings(lease, sweep, (int) positive(env, MAX_ATTEMPTS, 3));
    }

    private static long positive(Map<String, String> env, String name, long fallback) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value < 1 || value > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive whole number, was '" + raw + "'");
        }
    }
}
