package io.pressroom.domain.shop;

import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import java.util.Map;
import java.util.UUID;

/** Inbound port: admins manage the organization's shops; members read them (secrets masked). */
public interface ManageShops {
    Shop create(Caller caller, Draft draft);

    Shop update(Caller caller, UUID id, Changes changes);

    Shop get(Caller caller, UUID id);

    Page<Shop> list(Caller caller, PageRequest page);

    void delete(Caller caller, UUID id);

    /**
     * The values of a shop's {@code shopConfig}, unsealed, for integrations running inside
     * Pressroom (never an HTTP answer). Admins only.
     */
    Map<String, String> revealConfig(Caller caller, UUID id);

    /** A new shop; {@code isActive} null: true. {@code shopConfig} values: strings, numbers or booleans. */
    record Draft(String name, String platform, String platformShopId, Map<String, Object> shopConfig, Boolean isActive) {}

    /**
     * Changes; null leaves a field as it is. {@code shopConfig} is merged: a key with a value
     * sets it, a key with null removes it (values are write-only, so clients never resend them).
     */
    record Changes(String name, String platform, String platformShopId, Map<String, Object> shopConfig, Boolean isActive) {}
}
