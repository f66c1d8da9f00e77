package io.pressroom.domain.organization;

import io.pressroom.domain.audit.AuditLog;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.Page;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.Role;
import io.pressroom.domain.shared.TenantScope;
import io.pressroom.domain.shared.Transactions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Organizations and their members: {@link ManageOrganizations} and {@link ManageMembers}. */
public final class OrganizationService implements ManageOrganizations, ManageMembers {

    private final Transactions transactions;
    private final OrganizationRepository organizations;
    private final AuditLog audit;
    private final Clock clock;
    private final TenantAccess access;

    public OrganizationService(Transactions transactions, OrganizationRepository organizations, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.organizations = organizations;
        this.audit = audit;
        this.clock = clock;
        this.access = new TenantAccess(organizations);
    }

    @Override
    public Membership create(Caller user, NewOrganization command) {
        UUID userId = TenantAccess.requireUser(user);
        // The creator is not a member yet, so no wall has to open: the new organization's id is
        // chosen here and the unit of work runs as that (future) tenant.
        UUID id = UUID.randomUUID();
        Organization org = Organization.create(id, command.name(), blankToNull(command.description()),
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        return transactions.inTransaction(TenantScope.tenant(id, userId), () -> {
            organizations.insert(org);
            organizations.addMember(id, userId, Role.ADMIN, org.createdAt());
            organizations.adoptAsPrimaryIfNone(userId, id);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("name", org.name());
            if (org.description() != null) {
                data.put("description", org.description());
            }
            audit.record(user.inOrganization(id, Role.ADMIN), "organization.created", "organization", id, data);
            return new Membership(org, Role.ADMIN);
        });
    }

    @Override
    public Page<Membership> listMine(Caller user, PageRequest page) {
        UUID userId = TenantAccess.requireUser(user);
        return transactions.inTransaction(TenantScope.user(userId), () -> organizations.listForUser(userId, page));
    }

    @Override
    public Membership get(Caller user, UUID organizationId) {
        return transactions.inTransaction(TenantAccess.scope(user, organizationId), () -> {
            Caller acting = access.actingIn(user, organizationId, false);
            acting.requireMember();
            return new Membership(organizations.find(organizationId).orElseThrow(), acting.role());
        });
    }

    @Override
    public Membership update(Caller user, UUID organizationId, OrganizationChanges changes) {
        return transactions.inTransaction(TenantAccess.scope(user, organizationId), () -> {
            Caller acting = access.actingIn(user, organizationId, true);
            acting.requireAdmin();
            acting.requireWritable();
            Organization before = organizations.find(organizationId).orElseThrow();
            Organization after = before.withDetails(changes.name(), changes.description(), changes.settings(), clock.instant());
            Map<String, Object> changed = new LinkedHashMap<>();
            diff(changed, "name", before.name(), after.name());
            diff(changed, "description", before.description(), after.description());
            diff(changed, "settings", before.ownSettings(), after.ownSettings());
            organizations.update(after);
            audit.record(acting, "organization.updated", "organization", organizationId, Map.of("changes", changed));
            return new Membership(after, acting.role());
        });
    }

    @Override
    public void delete(Caller user, UUID organizationId) {
        transactions.run(TenantAccess.scope(user, organizationId), () -> {
            Caller acting = access.actingIn(user, organizationId, true);
            acting.requireAdmin();
            acting.requireWritable();
            Organization org = organizations.find(organizationId).orElseThrow();
            organizations.softDelete(organizationId, clock.instant());
            organizations.clearPrimary(organizationId);
            audit.record(acting, "organization.deleted", "organization", organizationId, Map.of("name", org.name()));
        });
    }

    @Override
    public Page<Member> list(Caller user, UUID organizationId, PageRequest page) {
        return transactions.inTransaction(TenantAccess.scope(user, organizationId), () -> {
            access.actingIn(user, organizationId, false).requireMember();
            return organizations.members(organizationId, page);
        });
    }

    @Override
    public Member add(Caller user, UUID organizationId, String email, Role role) {
        Objects.requireNonNull(role, "role");
        String normalized = Invitation.normalizeEmail(email);
        return transactions.inTransaction(TenantAccess.scope(user, organizationId), () -> {
            Caller acting = access.actingIn(user, organizationId, true);
            acting.requireAdmin();
            acting.requireWritable();
            UserRef target = organizations.findUserByEmail(normalized)
                    .orElseThrow(() -> new DomainException.NotFound("user.not-found",
                            "no user has the e-mail " + normalized + "; invite them instead"));
            if (organizations.member(organizationId, target.id()).isPresent()) {
                throw new DomainException.Conflict("member.exists", "this user is already a member of the organization");
            }
            organizations.addMember(organizationId, target.id(), role, clock.instant());
            organizations.adoptAsPrimaryIfNone(target.id(), organizationId);
            audit.record(acting, "member.added", "member", target.id(),
                    Map.of("userId", target.id().toString(), "email", target.email(), "role", role.wire()));
            return organizations.member(organizationId, target.id()).orElseThrow();
        });
    }

    @Override
    public Member changeRole(Caller user, UUID organizationId, UUID memberUserId, Role role) {
        Objects.requireNonNull(role, "role");
        return transactions.inTransaction(TenantAccess.scope(user, organizationId), () -> {
            // the organization row is locked first: concurrent demotions are serialised, so the
            // count of admins below is never stale
            Caller acting = access.actingIn(user, organizationId, true);
            acting.requireAdmin();
            acting.requireWritable();
            Member before = organizations.member(organizationId, memberUserId)
                    .orElseThrow(() -> DomainException.NotFound.of("member", memberUserId));
            if (before.role() == role) {
                return before; // nothing changes, nothing to record
            }
            if (before.role() == Role.ADMIN) {
                requireAnotherAdmin(organizationId, "demoted");
            }
            organizations.changeRole(organizationId, memberUserId, role);
            audit.record(acting, "member.role-changed", "member", memberUserId,
                    Map.of("userId", memberUserId.toString(), "from", before.role().wire(), "to", role.wire()));
            return organizations.member(organizationId, memberUserId).orElseThrow();
        });
    }

    @Override
    public void remove(Caller user, UUID organizationId, UUID memberUserId) {
        transactions.run(TenantAccess.scope(user, organizationId), () -> {
            Caller acting = access.actingIn(user, organizationId, true);
            boolean leaving = memberUserId.equals(acting.userId());
            if (!leaving) {
                acting.requireAdmin();
            }
            acting.requireWritable();
            Member member = organizations.member(organizationId, memberUserId)
                    .orElseThrow(() -> DomainException.NotFound.of("member", memberUserId));
            if (member.role() == Role.ADMIN) {
                requireAnotherAdmin(organizationId, leaving ? "leave" : "removed");
            }
            organizations.removeMember(organizationId, memberUserId);
            organizations.replacePrimary(memberUserId, organizationId);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("userId", memberUserId.toString());
            data.put("email", member.email());
            data.put("role", member.role().wire());
            audit.record(acting, leaving ? "member.left" : "member.removed", "member", memberUserId, data);
        });
    }

    private void requireAnotherAdmin(UUID organizationId, String what) {
        if (organizations.countAdmins(organizationId) <= 1) {
            String action = "leave".equals(what) ? "leave" : "be " + what;
            throw new DomainException.Conflict("member.last-admin",
                    "the last admin of an organization cannot " + action + ": make another member admin first");
        }
    }

    private static void diff(Map<String, Object> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("from", before);
            c.put("to", after);
            changes.put(field, c);
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
