package io.pressroom.persistence.identity;

import io.pressroom.domain.identity.LoginThrottle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sliding-window failure counts in this process (compatibility mode, and embedders without the
 * V5 schema). Per instance: several instances each allow the limits.
 */
public final class InMemoryLoginThrottle implements LoginThrottle {
    private final Limits limits;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public InMemoryLoginThrottle(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public Optional<Duration> blocked(String account, String ipAddress) {
        Instant now = clock.instant();
        Duration wait = waitFor("a:" + account, limits.perAccount(), limits.window(), now);
        if (ipAddress != null) {
            Duration w = waitFor("i:" + ipAddress, limits.perAddress(), limits.window(), now);
            if (w != null && (wait == null || w.compareTo(wait) > 0)) {
                wait = w;
            }
        }
        return Optional.ofNullable(wait);
    }

    @Override
    public Optional<Duration> signupBlocked(String ipAddress) {
        return ipAddress == null ? Optional.empty()
                : Optional.ofNullable(waitFor("s:" + ipAddress, limits.signupsPerAddress(), limits.signupWindow(), clock.instant()));
    }

    @Override
    public void recordSignup(String ipAddress) {
        if (ipAddress != null) {
            add("s:" + ipAddress, clock.instant());
        }
    }

    private Duration waitFor(String key, int limit, Duration window, Instant now) {
        Deque<Instant> q = failures.get(key);
        if (q == null) {
            return null;
        }
        synchronized (q) {
            Instant cutoff = now.minus(window);
            while (!q.isEmpty() && !q.peekFirst().isAfter(cutoff)) {
                q.pollFirst();
            }
            if (q.size() < limit) {
                return null;
            }
            return Duration.between(now, q.peekFirst().plus(window));
        }
    }

    @Override
    public void recordFailure(String account, String ipAddress) {
        Instant now = clock.instant();
        add("a:" + account, now);
        if (ipAddress != null) {
            add("i:" + ipAddress, now);
        }
        if (failures.size() > 100_000) {
            failures.clear(); // bounded memory under a flood of made-up accounts
        }
    }

    private void add(String key, Instant now) {
        Deque<Instant> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (q) {
            q.addLast(now);
            while (q.size() > 1000) {
                q.pollFirst();
            }
        }
    }

    @Override
    public void clear(String account) {
        failures.remove("a:" + account);
    }
}
