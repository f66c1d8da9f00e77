package io.pressroom.domain.shop;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A shop an organization sells through. {@code storedConfig} holds the {@code shopConfig}
 * values as stored (sealed by the {@link SecretCipher}); they never leave Pressroom: answers
 * and audit events show {@link #maskedConfig()}.
 */
public record Shop(UUID id, UUID organizationId, String name, Platform platform, String platformShopId,
                   Map<String, String> storedConfig, boolean active, Instant createdAt, Instant updatedAt) {

    public static final String MASK = "••••";

    public Shop {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(platform, "platform");
        storedConfig = storedConfig == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(storedConfig));
    }

    /** Every key of {@code shopConfig}, every value masked. */
    public Map<String, String> maskedConfig() {
        Map<String, String> m = new LinkedHashMap<>();
        storedConfig.keySet().forEach(k -> m.put(k, MASK));
        return m;
    }

    /** Not a secret in sight: for logs and debuggers. */
    @Override
    public String toString() {
        return "Shop[id=" + id + ", organizationId=" + organizationId + ", name=" + name + ", platform=" + platform.wire()
                + ", platformShopId=" + platformShopId + ", shopConfig=" + maskedConfig() + ", active=" + active + "]";
    }
}
