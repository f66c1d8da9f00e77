package io.pressroom.persistence;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import io.pressroom.domain.shared.DomainException;

/**
 * The opaque cursor of a list ordered newest first by {@code (created_at, id)}: the position
 * of the last row of the previous page, base64url of {@code <epoch micros>:<uuid>}.
 */
public record KeysetCursor(LocalDateTime createdAt, UUID id) {

    public String encode() {
        long micros = ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), createdAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** Null for the first page; 400 ({@code validation.failed}) for a cursor we did not make. */
    public static KeysetCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            int colon = raw.indexOf(':');
            long micros = Long.parseLong(raw.substring(0, colon));
            LocalDateTime at = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
            return new KeysetCursor(at, UUID.fromString(raw.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw DomainException.Invalid.field("cursor", "cursor is not one this list gave out");
        }
    }
}
