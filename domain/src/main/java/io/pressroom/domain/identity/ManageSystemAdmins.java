package io.pressroom.domain.identity;

import java.util.Optional;
import java.util.UUID;

/**
 * Inbound port: the system admins that run a Pressroom installation (users.is_admin).
 * Used at start-up (bootstrap) and by the {@code create-admin} command.
 */
public interface ManageSystemAdmins {

    /**
     * At start: when {@code email} is given and names no user, creates that user as a system
     * admin with {@code password}; when {@code email} is null and no system admin exists at
     * all, creates one with a generated password and returns it (to be printed once).
     */
    Optional<GeneratedAdmin> bootstrap(String email, String password);

    /** {@code create-admin}: a new system admin, or an existing user promoted to one. */
    UUID createAdmin(String email, String password, String name);

    /**
     * {@code create-admin}: an existing user is promoted (and given {@code password} when one is
     * given, which revokes their sessions); a new account is created with {@code password}, or
     * with a generated one (answered once) when it is null.
     */
    AdminAccount createOrPromote(String email, String password, String name);

    record GeneratedAdmin(String email, String password) {
        @Override
        public String toString() {
            return "GeneratedAdmin[email=" + email + "]";
        }
    }

    /** What {@code create-admin} did; {@code generatedPassword} is non-null only for a new account without a given password. */
    record AdminAccount(UUID userId, String email, boolean created, String generatedPassword) {
        @Override
        public String toString() {
            return "AdminAccount[userId=" + userId + ", created=" + created + "]";
        }
    }
}
