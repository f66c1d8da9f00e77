package io.pressroom.domain.identity;

import java.time.Duration;
import java.util.Optional;

/**
 * Outbound port: counts failed logins per account and per address over a sliding window.
 * {@link #blocked} answers how long to wait when either limit is reached.
 */
public interface LoginThrottle {
    Optional<Duration> blocked(String account, String ipAddress);

    void recordFailure(String account, String ipAddress);

    /** A successful login forgets its account's failures. */
    void clear(String account);

    /** Limits: failures allowed per account and per address within {@code window}. */
    record Limits(int perAccount, int perAddress, Duration window) {
        public static Limits defaults() {
            return new Limits(5, 100, Duration.ofMinutes(1));
        }
    }
}
