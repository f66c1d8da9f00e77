package io.pressroom.domain.identity;

import java.time.Instant;

/** A secret handed out once (session token, reset token); only its hash is stored. */
public record IssuedToken(String token, Instant expiresAt) {
    @Override
    public String toString() {
        return "IssuedToken[expiresAt=" + expiresAt + "]";
    }
}
