package io.pressroom.domain.organization;

import io.pressroom.domain.shared.Secrets;

/** Invitation tokens: 256 random bits, shown once; stored as their SHA-256 (lowercase hex). */
public final class InvitationTokens {
    public static final String PREFIX = "pri_";

    private InvitationTokens() {}

    public static String generate() {
        return Secrets.random(PREFIX, 32);
    }

    public static String hash(String token) {
        return Secrets.sha256Hex(token);
    }
}
