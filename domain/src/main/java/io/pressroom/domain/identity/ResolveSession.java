package io.pressroom.domain.identity;

import java.util.Optional;
import java.util.UUID;

/** Inbound port for inbound adapters: who a session token belongs to, and their place in an organization. */
public interface ResolveSession {
    /** The live session's user; empty for an unknown, revoked or expired token. */
    Optional<SignedIn> authenticate(String token);

    /** The user's membership of {@code organizationId}; empty when none (or the organization is deleted). */
    Optional<Membership> membership(UUID userId, UUID organizationId);

    /**
     * The live session's user and their membership of {@code organizationId} (null: the user's
     * primary organization) at once; empty for an unknown, revoked or expired token. The
     * membership is null in the answer when the user is no member of it.
     */
    default Optional<SignedInMember> authenticateIn(String token, UUID organizationId) {
        return authenticate(token).map(s -> {
            UUID org = organizationId != null ? organizationId : s.user().primaryOrganizationId();
            return new SignedInMember(s, org, org == null ? null : membership(s.user().id(), org).orElse(null));
        });
    }
}
