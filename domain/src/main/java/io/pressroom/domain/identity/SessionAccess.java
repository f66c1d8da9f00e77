package io.pressroom.domain.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Outbound port: what a session token unlocks for one request, in one look-up that runs outside
 * any unit of work (it needs no tenant): the live session of {@code tokenHash} (neither revoked nor
 * expired at {@code now}, checked on every call: nothing is cached), its user, and the user's
 * membership of {@code organizationId} (null: the user's primary organization). Empty for an
 * unknown, revoked or expired token.
 */
public interface SessionAccess {
    Optional<SignedInMember> find(byte[] tokenHash, Instant now, UUID organizationId);
}
