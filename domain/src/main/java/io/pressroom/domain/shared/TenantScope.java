package io.pressroom.domain.shared;

import java.util.Optional;
import java.util.UUID;

/**
 * Whose data a unit of work may touch. {@code organizationId} is the tenant (null: none, so
 * tenant tables show no rows); {@code userId} the signed-in user (lets a user read their own
 * memberships across organizations); {@code kind} names the narrow non-tenant paths.
 */
public record TenantScope(UUID organizationId, UUID userId, Kind kind) {

    public enum Kind {
        /** An organization's own data, as {@code userId} (null for a printer agent). */
        TENANT,
        /** No organization yet: signup, login, /api/me, invitations by token. */
        USER,
        /** Housekeeping across organizations: the lease sweeper, system admin routes. */
        SYSTEM
    }

    public static TenantScope tenant(UUID organizationId, UUID userId) {
        return new TenantScope(java.util.Objects.requireNonNull(organizationId, "organizationId"), userId, Kind.TENANT);
    }

    public static TenantScope user(UUID userId) {
        return new TenantScope(null, userId, Kind.USER);
    }

    public static TenantScope anonymous() {
        return new TenantScope(null, null, Kind.USER);
    }

    public static TenantScope system() {
        return new TenantScope(null, null, Kind.SYSTEM);
    }

    public Optional<UUID> organization() {
        return Optional.ofNullable(organizationId);
    }
}
