package io.pressroom.domain.printer;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Outbound port: printer API keys, stored hashed. */
public interface PrinterKeyRepository {
    void insert(PrinterKey key);

    /** Marks the key revoked; false when the printer has no such (unrevoked) key. */
    boolean revoke(UUID organizationId, UUID printerId, UUID keyId, java.time.Instant at);

    List<PrinterKey> list(UUID organizationId, UUID printerId);

    /** The owner of an unrevoked key with this hash, looked up without a tenant (the key is the secret). */
    Optional<PrinterKey.Owner> findOwner(String keyHash);
}
