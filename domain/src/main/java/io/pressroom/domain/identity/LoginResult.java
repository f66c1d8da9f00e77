package io.pressroom.domain.identity;

import java.time.Instant;

/** A successful login: the session's token (shown once), its expiry and the user's profile. */
public record LoginResult(String token, Instant expiresAt, UserProfile profile) {
    @Override
    public String toString() {
        return "LoginResult[expiresAt=" + expiresAt + ", user=" + profile.user().id() + "]";
    }
}
