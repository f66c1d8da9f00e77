package io.pressroom.domain.identity;

import java.util.UUID;

/** What a login checks: an account and its stored password hash (PHC argon2id, or legacy bcrypt). */
public record Credentials(UUID userId, String passwordHash) {
    @Override
    public String toString() {
        return "Credentials[userId=" + userId + "]";
    }
}
