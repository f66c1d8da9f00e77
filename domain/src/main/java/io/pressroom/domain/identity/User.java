package io.pressroom.domain.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An account (the legacy {@code users} table). {@code primaryOrganizationId} is
 * {@code users.org_id}: the organization used when a request names none. The password hash is
 * deliberately not here: it never leaves the identity services (see {@link Credentials}).
 */
public record User(UUID id, String email, String name, boolean systemAdmin, UUID primaryOrganizationId,
                   Instant createdAt) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
    }
}
