package io.pressroom.domain.identity;

import java.time.Duration;
import java.util.Optional;

/**
 * Outbound port: counts failed logins per account and per address over a sliding window.
 * {@link #blocked} answers how long to wait when either limit is reached. Signup attempts are
 * counted per address the same way ({@link #signupBlocked}).
 */
public interface LoginThrottle {
    Optional<Duration> blocked(String account, String ipAddress);

    void recordFailure(String account, String ipAddress);

    /** A successful login forgets its account's failures. */
    void clear(String account);

    /**
     * Signups (each costs a password hash) from {@code ipAddress} within the signup window: how
     * long to wait once {@link Limits#signupsPerAddress()} is reached. Empty for a null address.
     */
    Optional<Duration> signupBlocked(String ipAddress);

    /** Counts one signup attempt from {@code ipAddress} (nothing for a null address). */
    void recordSignup(String ipAddress);

    /**
     * Limits: failures allowed per account and per address within {@code window}; signup
     * attempts allowed per address within {@code signupWindow} (at most an hour: older entries
     * are pruned).
     */
    record Limits(int perAccount, int perAddress, Duration window, int signupsPerAddress, Duration signupWindow) {
        public static final int DEFAULT_SIGNUPS_PER_HOUR = 10;

        public Limits {
            if (signupsPerAddress < 1) {
                throw new IllegalArgumentException("signups per address must be >= 1, was " + signupsPerAddress);
            }
            if (signupWindow.isNegative() || signupWindow.isZero() || signupWindow.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("the signup window must be > 0 and at most an hour, was " + signupWindow);
            }
        }

        /** Login limits; signups at their default (10 an hour per address). */
        public Limits(int perAccount, int perAddress, Duration window) {
            this(perAccount, perAddress, window, DEFAULT_SIGNUPS_PER_HOUR, Duration.ofHours(1));
        }

        public static Limits defaults() {
            return new Limits(5, 100, Duration.ofMinutes(1));
        }

        /** The same login limits with {@code signups} signup attempts per address within {@code within}. */
        public Limits withSignups(int signups, Duration within) {
            return new Limits(perAccount, perAddress, window, signups, within);
        }
    }
}
