package io.pressroom.web;

import java.util.List;

/**
 * What the HTTP adapter needs beyond the library: limits, network trust, and whether it runs in
 * compatibility mode (the database holds only the legacy schema: multi-tenant routes answer 503
 * {@code schema-not-migrated}; login, logout and me work on the legacy users).
 */
public record WebOptions(long maxJsonBodyBytes, long maxUploadBytes, List<String> trustedProxies,
                         boolean compatibilityMode) {

    public WebOptions {
        trustedProxies = List.copyOf(trustedProxies);
    }

    public WebOptions(long maxJsonBodyBytes, long maxUploadBytes, List<String> trustedProxies) {
        this(maxJsonBodyBytes, maxUploadBytes, trustedProxies, false);
    }

    public static WebOptions defaults() {
        return new WebOptions(1_000_000L, 2L * 1024 * 1024 * 1024, List.of(), false);
    }

    public WebOptions withCompatibilityMode(boolean compatibilityMode) {
        return new WebOptions(maxJsonBodyBytes, maxUploadBytes, trustedProxies, compatibilityMode);
    }

    public WebOptions withMaxUploadBytes(long maxUploadBytes) {
        return new WebOptions(maxJsonBodyBytes, maxUploadBytes, trustedProxies, compatibilityMode);
    }

    public WebOptions withTrustedProxies(List<String> trustedProxies) {
        return new WebOptions(maxJsonBodyBytes, maxUploadBytes, trustedProxies, compatibilityMode);
    }
}
