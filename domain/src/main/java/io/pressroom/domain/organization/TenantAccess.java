package io.pressroom.domain.organization;

import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.Role;
import io.pressroom.domain.shared.TenantScope;
import java.util.UUID;

/**
 * How organization routes (the organization named in the path) learn the caller's standing:
 * inside the unit of work of that tenant, the organization must exist (not deleted) and the
 * caller must be a member; otherwise it answers exactly like an organization that does not
 * exist.
 */
final class TenantAccess {
    private final OrganizationRepository organizations;

    TenantAccess(OrganizationRepository organizations) {
        this.organizations = organizations;
    }

    static UUID requireUser(Caller caller) {
        if (caller == null || caller.userId() == null) {
            throw new DomainException.Unauthenticated("auth.required", "sign in first");
        }
        return caller.userId();
    }

    static TenantScope scope(Caller caller, UUID organizationId) {
        return TenantScope.tenant(organizationId, requireUser(caller));
    }

    static DomainException.NotFound notFound(UUID organizationId) {
        return DomainException.NotFound.of("organization", organizationId);
    }

    /** The caller acting in {@code organizationId} (its role there, whether it is active). */
    Caller actingIn(Caller caller, UUID organizationId, boolean lock) {
        Organization org = (lock ? organizations.lock(organizationId) : organizations.find(organizationId))
                .orElseThrow(() -> notFound(organizationId));
        Role role = organizations.roleOf(organizationId, caller.userId()).orElseThrow(() -> notFound(organizationId));
        return caller.inOrganization(org.id(), role, org.active());
    }
}
