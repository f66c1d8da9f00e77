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

    record GeneratedAdmin(String email, String password) {}
}
