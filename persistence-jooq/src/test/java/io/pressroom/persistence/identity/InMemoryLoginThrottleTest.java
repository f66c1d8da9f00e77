package io.pressroom.persistence.identity;

import io.pressroom.domain.identity.LoginThrottle;
import java.time.Clock;
import java.util.function.Supplier;

class InMemoryLoginThrottleTest extends LoginThrottleContract {
    @Override
    LoginThrottle throttle() {
        return new InMemoryLoginThrottle(LIMITS, Clock.systemUTC());
    }

    @Override
    <T> T run(Supplier<T> call) {
        return call.get();
    }
}
