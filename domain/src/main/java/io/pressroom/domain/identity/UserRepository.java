package io.pressroom.domain.identity;

import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Outbound port: accounts. Runs inside the caller's unit of work. Stored hashes are read only
 * through the two credential methods (the runtime role cannot read them otherwise).
 */
public interface UserRepository {
    /** The account of {@code email} (case-insensitive) and its hash. */
    Optional<Credentials> credentialsByEmail(String email);

    /** The hash of the user the unit of work is scoped to ({@code TenantScope.user(userId)}). */
    Optional<String> ownPasswordHash(UUID userId);

    boolean emailTaken(String email);

    /** Creates an account; {@code DomainException.Conflict} {@code user.email-taken} when the e-mail is used. */
    UUID create(String email, String name, String passwordHash, boolean systemAdmin);

    void updatePasswordHash(UUID userId, String passwordHash);

    Optional<User> findById(UUID userId);

    Optional<User> findByEmail(String email);

    /** The user's organizations (deleted ones left out), by name. */
    List<Membership> memberships(UUID userId);

    /** The user's membership of {@code organizationId}, if they have one and it is not deleted. */
    Optional<Membership> membership(UUID userId, UUID organizationId);

    /** System admin listing, by e-mail then id; {@code emailPrefix} filters case-insensitively when given. */
    Page<User> list(PageRequest page, String emailPrefix);

    long countSystemAdmins();

    void setSystemAdmin(UUID userId, boolean systemAdmin);
}
