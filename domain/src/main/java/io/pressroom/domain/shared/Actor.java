package io.pressroom.domain.shared;

import java.util.UUID;

/**
 * Who does something, as the audit trail records it: a user (or a printer agent, with
 * {@code printerId}), from which address and user agent. {@code userId} is null for anonymous
 * calls and agents.
 */
public record Actor(UUID userId, UUID printerId, String ipAddress, String userAgent, boolean systemAdmin) {
    public static Actor user(UUID userId, boolean systemAdmin, String ip, String userAgent) {
        return new Actor(userId, null, ip, userAgent, systemAdmin);
    }

    public static Actor agent(UUID printerId, String ip, String userAgent) {
        return new Actor(null, printerId, ip, userAgent, false);
    }

    public static Actor anonymous(String ip, String userAgent) {
        return new Actor(null, null, ip, userAgent, false);
    }

    public static Actor system() {
        return new Actor(null, null, null, "pressroom", false);
    }
}
