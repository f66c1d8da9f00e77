package io.pressroom.persistence.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.domain.identity.LoginThrottle;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LoginThrottle} does (the PostgreSQL one and the in-memory one of
 * compatibility mode): strict per account, lenient per address, cleared by a success.
 */
abstract class LoginThrottleContract {
    static final LoginThrottle.Limits LIMITS = new LoginThrottle.Limits(3, 6, Duration.ofMinutes(1))
            .withSignups(2, Duration.ofHours(1));

    /** A fresh throttle with {@link #LIMITS}; {@code run} wraps a call in whatever unit of work it needs. */
    abstract LoginThrottle throttle();

    abstract <T> T run(java.util.function.Supplier<T> call);

    void fail(LoginThrottle t, String account, String ip) {
        run(() -> {
            t.recordFailure(account, ip);
            return null;
        });
    }

    @Test
    void anAccountIsBlockedAfterItsLimitFromAnyAddressWhileOthersGoOn() {
        LoginThrottle t = throttle();
        for (int i = 0; i < 3; i++) {
            assertThat(run(() -> t.blocked("ann@example.com", "10.0.0.1"))).isEmpty();
            fail(t, "ann@example.com", "10.0.0.1");
        }
        var wait = run(() -> t.blocked("ann@example.com", "10.0.0.99"));
        assertThat(wait).isPresent();
        assertThat(wait.get()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertThat(run(() -> t.blocked("bob@example.com", "10.0.0.1"))).isEmpty();
    }

    @Test
    void anAddressIsBlockedOnlyAfterItsFarHigherLimit() {
        LoginThrottle t = throttle();
        for (int i = 0; i < 6; i++) {
            assertThat(run(() -> t.blocked("new@example.com", "10.0.0.2"))).isEmpty();
            fail(t, "user" + i + "@example.com", "10.0.0.2");
        }
        assertThat(run(() -> t.blocked("new@example.com", "10.0.0.2"))).isPresent();
        assertThat(run(() -> t.blocked("new@example.com", "10.0.0.3"))).isEmpty();
    }

    @Test
    void aSuccessClearsTheAccount() {
        LoginThrottle t = throttle();
        for (int i = 0; i < 3; i++) {
            fail(t, "carol@example.com", "10.0.0.4");
        }
        assertThat(run(() -> t.blocked("carol@example.com", "10.0.0.5"))).isPresent();
        run(() -> {
            t.clear("carol@example.com");
            return null;
        });
        assertThat(run(() -> t.blocked("carol@example.com", "10.0.0.5"))).isEmpty();
    }

    @Test
    void signupsAreCountedPerAddressApartFromFailedLogins() {
        LoginThrottle t = throttle();
        for (int i = 0; i < 2; i++) {
            assertThat(run(() -> t.signupBlocked("10.0.0.6"))).isEmpty();
            run(() -> {
                t.recordSignup("10.0.0.6");
                return null;
            });
        }
        var wait = run(() -> t.signupBlocked("10.0.0.6"));
        assertThat(wait).isPresent();
        assertThat(wait.get()).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
        assertThat(run(() -> t.signupBlocked("10.0.0.7"))).isEmpty();
        assertThat(run(() -> t.signupBlocked(null))).isEmpty();
        // signups are not failed logins of that address, and failed logins fill no signup count
        assertThat(run(() -> t.blocked("dave@example.com", "10.0.0.6"))).isEmpty();
        for (int i = 0; i < 6; i++) {
            fail(t, "signup 10.0.0.8", "10.0.0.8");
        }
        assertThat(run(() -> t.signupBlocked("10.0.0.8"))).isEmpty();
    }
}
