package io.pressroom.web;

/** What the HTTP adapter needs beyond the library: limits and network trust. */
public record WebOptions(long maxJsonBodyBytes, long maxUploadBytes, java.util.List<String> trustedProxies) {
    public static WebOptions defaults() {
        return new WebOptions(1_000_000L, 2L * 1024 * 1024 * 1024, java.util.List.of());
    }
}
