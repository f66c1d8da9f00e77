package io.pressroom.domain.organization;

import io.pressroom.domain.shared.Role;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A user's membership in an organization, with what a member list shows of the user. */
public record Member(UUID organizationId, UUID userId, String email, String name, Role role, Instant joinedAt) {
    public Member {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }
}
