package io.pressroom.domain.printer;

import io.pressroom.domain.shared.Caller;

/** Inbound port: turns a presented printer key into the agent {@link Caller} of its printer. */
public interface AuthenticatePrinter {
    /** {@code Unauthenticated printer-key.invalid} for an unknown or revoked key. */
    Caller agent(String key, String ipAddress, String userAgent);
}
