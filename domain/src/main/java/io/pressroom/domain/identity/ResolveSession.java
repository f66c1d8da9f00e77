package io.pressroom.domain.identity;

import java.util.Optional;
import java.util.UUID;

/** Inbound port for inbound adapters: who a session token belongs to, and their place in an organization. */
public interface ResolveSession {
    /** The live session's user; empty for an unknown, revoked or expired token. */
    Optional<SignedIn> authenticate(String token);

    /** The user's membership of {@code organizationId}; empty when none (or the organization is deleted). */
    Optional<Membership> membership(UUID userId, UUID organizationId);
}
