package io.pressroom.web.http.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.domain.identity.LoginThrottle;
import io.pressroom.web.WebOptions;
import io.pressroom.web.testing.TestApp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signup costs a password hash: an address gets so many attempts an hour, then 429 with Retry-After. */
class SignupLimitHttpTest {

    @Test
    void anAddressIsRefusedAfterItsSignupsWhileAnotherGoesOn() {
        try (TestApp app = TestApp.start(b -> b.loginLimits(LoginThrottle.Limits.defaults().withSignups(3, Duration.ofHours(1))),
                new WebOptions(1_000_000, 1_000_000, List.of("127.0.0.1")))) {
            for (int i = 0; i < 3; i++) {
                assertThat(signUp(app, "203.0.113.5").status()).isEqualTo(201);
            }

            var refused = signUp(app, "203.0.113.5");

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.body().get("code").asText()).isEqualTo("auth.signup-throttled");
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(3000L, 3600L);
            assertThat(signUp(app, "203.0.113.6").status()).as("another address").isEqualTo(201);
            assertThat(count(app, "SELECT count(*) FROM users")).isEqualTo(4);
        }
    }

    private static TestApp.Response signUp(TestApp app, String address) {
        return app.request("POST", "/api/auth/signup", Map.of("Content-Type", "application/json", "X-Forwarded-For", address),
                Map.of("email", TestApp.email("limited"), "password", TestApp.PASSWORD, "name", "Limited"));
    }

    private static long count(TestApp app, String sql) {
        try (var c = app.db().dataSource().getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
