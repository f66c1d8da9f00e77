package io.pressroom.domain.organization;

import io.pressroom.domain.audit.AuditLog;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.TenantScope;
import io.pressroom.domain.shared.Transactions;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * The system admin's view across organizations. Reads run in a unit of work of scope
 * {@code system} carrying the admin's user id (the database lets such a unit of work read
 * organizations only when that user is a system admin); a change of one organization runs in
 * that organization's tenant scope. Its audit event belongs to no organization (a system admin
 * action), seen by system admins.
 */
public final class OrganizationAdminService implements AdministerOrganizations {

    private final Transactions transactions;
    private final OrganizationRepository organizations;
    private final StatsSource statsSource;
    private final AuditLog audit;
    private final Clock clock;

    public OrganizationAdminService(Transactions transactions, OrganizationRepository organizations, StatsSource statsSource,
                                    AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.organizations = organizations;
        this.statsSource = statsSource;
        this.audit = audit;
        this.clock = clock;
    }

    static TenantScope systemScope(Caller caller) {
        caller.requireSystemAdmin();
        return new TenantScope(null, TenantAccess.requireUser(caller), TenantScope.Kind.SYSTEM);
    }

    @Override
    public Page<Organization> list(Caller systemAdmin, PageRequest page) {
        return transactions.inTransaction(systemScope(systemAdmin), () -> organizations.listAll(page));
    }

    @Override
    public Organization get(Caller systemAdmin, UUID organizationId) {
        return transactions.inTransaction(systemScope(systemAdmin), () ->
                organizations.find(organizationId).orElseThrow(() -> TenantAccess.notFound(organizationId)));
    }

    @Override
    public Organization setActive(Caller systemAdmin, UUID organizationId, boolean active) {
        systemAdmin.requireSystemAdmin();
        return transactions.inTransaction(TenantScope.tenant(organizationId, systemAdmin.userId()), () -> {
            Organization before = organizations.lock(organizationId).orElseThrow(() -> TenantAccess.notFound(organizationId));
            if (before.active() == active) {
                return before;
            }
            Organization after = before.withActive(active, clock.instant());
            organizations.update(after);
            audit.record(systemAdmin, null, active ? "organization.reactivated" : "organization.deactivated",
                    "organization", organizationId, Map.of("organizationId", organizationId.toString(), "name", after.name(),
                            "isActive", active));
            return after;
        });
    }

    @Override
    public Stats stats(Caller systemAdmin) {
        return transactions.inTransaction(systemScope(systemAdmin), statsSource::stats);
    }
}
