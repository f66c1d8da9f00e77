package io.pressroom.persistence.identity;

import io.pressroom.domain.identity.PasswordResetRepository;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Reset tokens held in this process (compatibility mode). */
public final class InMemoryPasswordResetRepository implements PasswordResetRepository {
    private record Entry(UUID userId, Instant expiresAt) {}

    private final ConcurrentHashMap<ByteBuffer, Entry> tokens = new ConcurrentHashMap<>();

    @Override
    public void create(UUID userId, byte[] tokenHash, UUID createdBy, Instant expiresAt) {
        tokens.values().removeIf(e -> e.userId().equals(userId)); // only the latest can be redeemed
        tokens.put(ByteBuffer.wrap(tokenHash.clone()), new Entry(userId, expiresAt));
    }

    @Override
    public Optional<UUID> redeem(byte[] tokenHash, Instant now) {
        Entry e = tokens.remove(ByteBuffer.wrap(tokenHash));
        return e != null && e.expiresAt().isAfter(now) ? Optional.of(e.userId()) : Optional.empty();
    }
}
