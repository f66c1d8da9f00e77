package io.pressroom.domain.identity;

import java.time.Instant;
import java.util.UUID;

/** A signed-in session: found by the hash of its opaque token, valid until {@code expiresAt} or revoked. */
public record Session(UUID id, UUID userId, Instant createdAt, Instant expiresAt) {}
