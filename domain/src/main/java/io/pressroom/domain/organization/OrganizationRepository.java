package io.pressroom.domain.organization;

import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.Role;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Outbound port: organizations and their members. Every method names the organization it
 * works in (runs inside the unit of work whose tenant that organization is), except the
 * user-scoped {@link #listForUser} and the system-scoped {@link #listAll}. Soft-deleted
 * organizations are never returned.
 */
public interface OrganizationRepository {

    void insert(Organization organization);

    Optional<Organization> find(UUID organizationId);

    /** Like {@link #find}, and locks the row until the unit of work ends (serialises member changes). */
    Optional<Organization> lock(UUID organizationId);

    void update(Organization organization);

    void softDelete(UUID organizationId, Instant at);

    /** The signed-in user's organizations (user scope: their own memberships), oldest first. */
    Page<Membership> listForUser(UUID userId, PageRequest page);

    /** Every organization (system scope, as a system admin), oldest first. */
    Page<Organization> listAll(PageRequest page);

    Optional<Role> roleOf(UUID organizationId, UUID userId);

    Page<Member> members(UUID organizationId, PageRequest page);

    Optional<Member> member(UUID organizationId, UUID userId);

    void addMember(UUID organizationId, UUID userId, Role role, Instant joinedAt);

    void changeRole(UUID organizationId, UUID userId, Role role);

    void removeMember(UUID organizationId, UUID userId);

    long countAdmins(UUID organizationId);

    Optional<UserRef> findUserByEmail(String email);

    Optional<UserRef> findUser(UUID userId);

    /** Makes {@code organizationId} the user's primary organization (users.org_id) when they have none. */
    void adoptAsPrimaryIfNone(UUID userId, UUID organizationId);

    /**
     * The user left {@code organizationId}: when it was their primary organization, their
     * oldest remaining membership visible in this unit of work becomes it, else none.
     */
    void replacePrimary(UUID userId, UUID organizationId);

    /** The organization is gone (soft delete): it is nobody's primary organization any more. */
    void clearPrimary(UUID organizationId);
}
