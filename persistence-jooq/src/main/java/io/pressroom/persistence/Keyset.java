package io.pressroom.persistence;

import io.pressroom.domain.shared.DomainException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Keyset pagination cursors over {@code (timestamp, id)}: opaque to clients (base64url of
 * "epoch-micros:uuid"), stable under inserts, and an index seek rather than an OFFSET. Also the
 * one place where the schema's {@code TIMESTAMP} columns (UTC without zone) meet {@link Instant}.
 */
public final class Keyset {
    private Keyset() {}

    /** A decoded cursor: the last row of the previous page. */
    public record Position(LocalDateTime at, UUID id) {}

    public static String encode(LocalDateTime at, UUID id) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at.toInstant(ZoneOffset.UTC));
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** null for the first page; a malformed cursor is a 400 naming the parameter. */
    public static Position decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            long micros = Long.parseLong(raw.substring(0, colon));
            UUID id = UUID.fromString(raw.substring(colon + 1));
            return new Position(LocalDateTime.ofInstant(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), ZoneOffset.UTC), id);
        } catch (RuntimeException e) {
            throw DomainException.Invalid.field("cursor", "cursor is not one this server handed out");
        }
    }

    /**
     * The page of {@code rows} fetched with {@code limit + 1}: the extra row only tells that
     * there is a next page, whose cursor is the position of the last row kept.
     */
    public static <R, T> io.pressroom.domain.shared.Page<T> page(java.util.List<R> rows, int limit,
                                                               java.util.function.Function<R, T> map,
                                                               java.util.function.Function<R, String> cursorOf) {
        java.util.List<T> items = new java.util.ArrayList<>(Math.min(rows.size(), limit));
        for (int i = 0; i < rows.size() && i < limit; i++) {
            items.add(map.apply(rows.get(i)));
        }
        String next = rows.size() > limit ? cursorOf.apply(rows.get(limit - 1)) : null;
        return new io.pressroom.domain.shared.Page<>(items, next);
    }


}
