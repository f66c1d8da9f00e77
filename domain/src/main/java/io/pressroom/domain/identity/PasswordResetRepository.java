package io.pressroom.domain.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Outbound port: one-time password reset tokens, stored as hashes. */
public interface PasswordResetRepository {
    /** Stores a new token; the user's earlier unused tokens can no longer be redeemed. */
    void create(UUID userId, byte[] tokenHash, UUID createdBy, Instant expiresAt);

    /** Marks the token used and answers its user; empty when unknown, used or expired. */
    Optional<UUID> redeem(byte[] tokenHash, Instant now);
}
