package io.pressroom.domain.printer;

import java.time.Instant;
import java.util.UUID;

/** A printer API key as stored: its SHA-256 hash and a short prefix to recognise it, never the key. */
public record PrinterKey(UUID id, UUID organizationId, UUID printerId, String keyHash, String prefix,
                         UUID createdByUserId, Instant createdAt, Instant revokedAt) {

    /** The key itself, shown once at creation. */
    public record Issued(UUID id, UUID printerId, String key, String prefix, Instant createdAt) {}

    /** Who a presented key belongs to (resolved without a tenant, by its hash). */
    public record Owner(UUID keyId, UUID printerId, UUID organizationId, boolean organizationActive) {}
}
