package io.pressroom.persistence.identity;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** TIMESTAMP columns hold UTC. */
final class UtcTimes {
    private UtcTimes() {}

    static LocalDateTime toDb(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant fromDb(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }
}
