package io.pressroom.persistence;

import io.pressroom.domain.shared.DomainException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.UUID;

/** Opaque keyset cursors "(createdAt, id)" for lists ordered newest first. */
public final class Cursors {
    private Cursors() {}

    public record Position(LocalDateTime createdAt, UUID id) {}

    public static String encode(LocalDateTime createdAt, UUID id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static Position decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return new Position(LocalDateTime.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw DomainException.Invalid.field("cursor", "cursor is not one this server handed out");
        }
    }
}
