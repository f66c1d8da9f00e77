package io.pressroom.domain.shared;

import java.util.UUID;

/**
 * Who calls a use case, resolved by the inbound adapter: a signed-in user (with the
 * organization they act in and their role there, when any) or a printer agent (with its
 * printer), from which address and user agent. Services check permissions on it, derive the
 * {@link TenantScope} of their unit of work from it, and the audit trail records it.
 */
public record Caller(UUID userId, UUID printerId, UUID organizationId, Role role, boolean systemAdmin,
                     String ipAddress, String userAgent, boolean organizationActive) {

    public Caller(UUID userId, UUID printerId, UUID organizationId, Role role, boolean systemAdmin,
                  String ipAddress, String userAgent) {
        this(userId, printerId, organizationId, role, systemAdmin, ipAddress, userAgent, true);
    }

    public static Caller user(UUID userId, boolean systemAdmin, String ip, String userAgent) {
        return new Caller(userId, null, null, null, systemAdmin, ip, userAgent);
    }

    public static Caller anonymous(String ip, String userAgent) {
        return new Caller(null, null, null, null, false, ip, userAgent);
    }

    public static Caller agent(UUID organizationId, UUID printerId, String ip, String userAgent) {
        return new Caller(null, printerId, organizationId, null, false, ip, userAgent);
    }

    /** Housekeeping done by Pressroom itself (the lease sweeper, start-up bootstrap). */
    public static Caller system() {
        return new Caller(null, null, null, null, false, null, "pressroom");
    }

    /** The same caller acting in {@code organizationId} with {@code role}. */
    public Caller inOrganization(UUID organizationId, Role role) {
        return inOrganization(organizationId, role, true);
    }

    /**
     * The same caller acting in {@code organizationId} with {@code role}; {@code active} false
     * when a system admin has deactivated the organization (settings.is_active): read-only.
     */
    public Caller inOrganization(UUID organizationId, Role role, boolean active) {
        return new Caller(userId, printerId, organizationId, role, systemAdmin, ipAddress, userAgent, active);
    }

    /**
     * Every mutation of an organization's data calls this (after its role check): a
     * deactivated organization can be read but not written, and its printers claim nothing.
     */
    public void requireWritable() {
        requireOrganization();
        if (!organizationActive) {
            throw new DomainException.Forbidden("organization.inactive",
                    "this organization has been deactivated by a system admin: it can be read but not changed");
        }
    }

    public UUID requireOrganization() {
        if (organizationId == null) {
            throw new DomainException.NotFound("organization.none",
                    "no organization selected: send X-Organization-Id or join an organization first");
        }
        return organizationId;
    }

    /** Organization admins (and nobody else) pass. */
    public void requireAdmin() {
        requireOrganization();
        if (role != Role.ADMIN) {
            throw new DomainException.Forbidden("organization.admin-required", "only an admin of this organization may do this");
        }
    }

    /** A member or admin of the selected organization (not a printer agent). */
    public void requireMember() {
        requireOrganization();
        if (role == null) {
            throw new DomainException.Forbidden("organization.member-required", "only members of this organization may do this");
        }
    }

    public void requireSystemAdmin() {
        if (!systemAdmin) {
            throw new DomainException.Forbidden("system-admin.required", "only a system admin may do this");
        }
    }

    public boolean isAgent() {
        return printerId != null && userId == null;
    }

    /** The tenant scope of this caller's unit of work. */
    public TenantScope scope() {
        return organizationId != null ? TenantScope.tenant(organizationId, userId) : TenantScope.user(userId);
    }
}
