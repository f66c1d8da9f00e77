package io.pressroom.domain.shop;

import io.pressroom.domain.shared.DomainException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The e-commerce platforms a shop sells through. */
public enum Platform {
    ETSY, SHOPIFY, WOOCOMMERCE, AMAZON, CUSTOM;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Platform parse(String raw) {
        for (Platform p : values()) {
            if (p.wire().equals(raw)) {
                return p;
            }
        }
        throw DomainException.Invalid.field("platform", "platform must be one of "
                + Arrays.stream(values()).map(Platform::wire).collect(Collectors.joining(", ")) + "; was '" + raw + "'");
    }
}
