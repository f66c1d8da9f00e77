package io.pressroom.domain.identity;

import io.pressroom.domain.shared.Secrets;

/**
 * Opaque secrets: 32 random bytes, base64url without padding (43 characters). Only their
 * SHA-256 is stored, so a copy of the database opens no session.
 */
public final class SecretTokens {
    /** Longer input is no token of ours; it is refused before hashing. */
    public static final int MAX_LENGTH = 256;

    private SecretTokens() {}

    public static String generate() {
        return Secrets.random("", 32);
    }

    /** SHA-256 of the token as sent (32 bytes). */
    public static byte[] hash(String token) {
        return Secrets.sha256(token);
    }

    /** A password nobody knows (bootstrap): 24 random bytes, base64url. */
    public static String generatePassword() {
        return Secrets.random("", 18);
    }

    public static boolean plausible(String token) {
        return token != null && !token.isBlank() && token.length() <= MAX_LENGTH;
    }
}
