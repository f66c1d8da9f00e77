package io.pressroom.domain.shop;

import io.pressroom.domain.audit.AuditLog;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Shops: CRUD with {@code shopConfig} values sealed on the way in and never shown again
 * (answers and audit events carry the keys only).
 */
public final class ShopService implements ManageShops {
    private static final String ENTITY = "shop";
    static final int MAX_NAME = 200;
    static final int MAX_CONFIG_KEYS = 50;
    static final int MAX_KEY = 100;
    static final int MAX_VALUE = 10_000;

    private final Transactions transactions;
    private final ShopRepository shops;
    private final SecretCipher cipher;
    private final AuditLog audit;
    private final Clock clock;

    public ShopService(Transactions transactions, ShopRepository shops, SecretCipher cipher, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.shops = shops;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Shop create(Caller caller, Draft d) {
        caller.requireAdmin();
        caller.requireWritable();
        UUID org = caller.organizationId();
        UUID id = UUID.randomUUID();
        String name = name(d.name());
        Platform platform = Platform.parse(d.platform());
        String platformShopId = platformShopId(d.platformShopId());
        Map<String, String> sealed = new LinkedHashMap<>();
        merge(sealed, d.shopConfig(), org, id);
        return transactions.inTransaction(caller.scope(), () -> {
            requireFreePlatformId(org, platform, platformShopId, id);
            Shop shop = shops.insert(new Shop(id, org, name, platform, platformShopId, sealed,
                    d.isActive() == null || d.isActive(), clock.instant(), clock.instant()));
            audit.record(caller, "shop.created", ENTITY, id, describe(shop, null));
            return shop;
        });
    }

    @Override
    public Shop update(Caller caller, UUID id, Changes c) {
        caller.requireAdmin();
        caller.requireWritable();
        UUID org = caller.organizationId();
        return transactions.inTransaction(caller.scope(), () -> {
            Shop old = shops.find(org, id).orElseThrow(() -> DomainException.NotFound.of(ENTITY, id));
            String name = c.name() == null ? old.name() : name(c.name());
            Platform platform = c.platform() == null ? old.platform() : Platform.parse(c.platform());
            String platformShopId = c.platformShopId() == null ? old.platformShopId() : platformShopId(c.platformShopId());
            Map<String, String> config = new LinkedHashMap<>(old.storedConfig());
            merge(config, c.shopConfig(), org, id);
            if (platform != old.platform() || !java.util.Objects.equals(platformShopId, old.platformShopId())) {
                requireFreePlatformId(org, platform, platformShopId, id);
            }
            Shop updated = shops.update(new Shop(id, org, name, platform, platformShopId, config,
                    c.isActive() == null ? old.active() : c.isActive(), old.createdAt(), clock.instant()));
            audit.record(caller, "shop.updated", ENTITY, id, describe(updated, c));
            return updated;
        });
    }

    @Override
    public Shop get(Caller caller, UUID id) {
        caller.requireMember();
        return transactions.inTransaction(caller.scope(), () -> shops.find(caller.organizationId(), id))
                .orElseThrow(() -> DomainException.NotFound.of(ENTITY, id));
    }

    @Override
    public Page<Shop> list(Caller caller, PageRequest page) {
        caller.requireMember();
        return transactions.inTransaction(caller.scope(), () -> shops.list(caller.organizationId(), page));
    }

    @Override
    public void delete(Caller caller, UUID id) {
        caller.requireAdmin();
        caller.requireWritable();
        transactions.run(caller.scope(), () -> {
            Shop shop = shops.find(caller.organizationId(), id).orElseThrow(() -> DomainException.NotFound.of(ENTITY, id));
            shops.delete(caller.organizationId(), id);
            audit.record(caller, "shop.deleted", ENTITY, id, describe(shop, null));
        });
    }

    @Override
    public Map<String, String> revealConfig(Caller caller, UUID id) {
        caller.requireAdmin();
        Shop shop = transactions.inTransaction(caller.scope(), () -> shops.find(caller.organizationId(), id))
                .orElseThrow(() -> DomainException.NotFound.of(ENTITY, id));
        Map<String, String> plain = new LinkedHashMap<>();
        shop.storedConfig().forEach((k, v) -> plain.put(k, cipher.open(v, context(shop.organizationId(), id, k))));
        return plain;
    }

    private void requireFreePlatformId(UUID org, Platform platform, String platformShopId, UUID id) {
        if (platformShopId != null && shops.platformShopIdTaken(org, platform, platformShopId, id)) {
            throw new DomainException.Conflict("shop.platform-shop-id-taken", "this organization already has a "
                    + platform.wire() + " shop with platformShopId '" + platformShopId + "'",
                    Map.of("platform", platform.wire(), "platformShopId", platformShopId));
        }
    }

    /** Adds, replaces or (null value) removes keys, sealing every value. */
    private void merge(Map<String, String> into, Map<String, Object> changes, UUID org, UUID shopId) {
        if (changes == null) {
            return;
        }
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isBlank() || key.length() > MAX_KEY) {
                throw DomainException.Invalid.field("shopConfig", "shopConfig keys must be 1 to " + MAX_KEY + " characters");
            }
            Object value = e.getValue();
            if (value == null) {
                into.remove(key);
                continue;
            }
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw DomainException.Invalid.field("shopConfig." + key,
                        "shopConfig values must be strings, numbers or booleans (they are stored as text)");
            }
            String text = String.valueOf(value);
            if (text.length() > MAX_VALUE) {
                throw DomainException.Invalid.field("shopConfig." + key, "shopConfig values are at most " + MAX_VALUE + " characters");
            }
            into.put(key, cipher.seal(text, context(org, shopId, key)));
        }
        if (into.size() > MAX_CONFIG_KEYS) {
            throw DomainException.Invalid.field("shopConfig", "shopConfig holds at most " + MAX_CONFIG_KEYS + " keys");
        }
    }

    static String context(UUID org, UUID shopId, String key) {
        return "pressroom/shop/" + org + "/" + shopId + "/" + key;
    }

    private static String name(String raw) {
        if (raw == null || raw.isBlank()) {
            throw DomainException.Invalid.field("name", "name is required");
        }
        String name = raw.strip();
        if (name.length() > MAX_NAME) {
            throw DomainException.Invalid.field("name", "name is at most " + MAX_NAME + " characters");
        }
        return name;
    }

    private static String platformShopId(String raw) {
        if (raw == null) {
            return null;
        }
        String id = raw.strip();
        if (id.isEmpty() || id.length() > MAX_NAME) {
            throw DomainException.Invalid.field("platformShopId", "platformShopId must be 1 to " + MAX_NAME + " characters");
        }
        return id;
    }

    /** What an event says of a shop: never a shopConfig value. */
    private static Map<String, Object> describe(Shop shop, Changes changes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", shop.name());
        m.put("platform", shop.platform().wire());
        m.put("platformShopId", shop.platformShopId());
        m.put("isActive", shop.active());
        m.put("shopConfig", shop.maskedConfig());
        if (changes != null) {
            List<String> changed = new ArrayList<>();
            if (changes.name() != null) {
                changed.add("name");
            }
            if (changes.platform() != null) {
                changed.add("platform");
            }
            if (changes.platformShopId() != null) {
                changed.add("platformShopId");
            }
            if (changes.isActive() != null) {
                changed.add("isActive");
            }
            if (changes.shopConfig() != null) {
                changed.add("shopConfig");
                m.put("shopConfigKeysChanged", new ArrayList<>(changes.shopConfig().keySet()));
            }
            m.put("changed", changed);
        }
        return m;
    }
}
