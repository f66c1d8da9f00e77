package io.pressroom.domain.shop;

import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import java.util.Optional;
import java.util.UUID;

/** Outbound port: the {@code shops} of one organization at a time. */
public interface ShopRepository {
    Shop insert(Shop shop);

    Shop update(Shop shop);

    Optional<Shop> find(UUID organizationId, UUID id);

    Page<Shop> list(UUID organizationId, PageRequest page);

    /** Whether another shop (not {@code exceptId}) of the organization has this platform id. */
    boolean platformShopIdTaken(UUID organizationId, Platform platform, String platformShopId, UUID exceptId);

    /** False when there was none; {@code shop.in-use} (409) when print jobs name it. */
    boolean delete(UUID organizationId, UUID id);
}
