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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** Invitations: issued by admins, revoked by admins, accepted once by the invitee. */
public final class InvitationService implements ManageInvitations {

    private final Transactions transactions;
    private final OrganizationRepository organizations;
    private final InvitationRepository invitations;
    private final AuditLog audit;
    private final Clock clock;
    private final TenantAccess access;

    public InvitationService(Transactions transactions, OrganizationRepository organizations, InvitationRepository invitations,
                             AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.organizations = organizations;
        this.invitations = invitations;
        this.audit = audit;
        this.clock = clock;
        this.access = new TenantAccess(organizations);
    }

    @Override
    public IssuedInvitation invite(Caller user, UUID organizationId, String email, Role role, Duration validity) {
        Objects.requireNonNull(role, "role");
        String normalized = Invitation.normalizeEmail(email);
        Duration valid = validity == null ? DEFAULT_VALIDITY : validity;
        if (valid.compareTo(Duration.ofMinutes(1)) < 0 || valid.compareTo(MAX_VALIDITY) > 0) {
            throw DomainException.Invalid.field("expiresInDays", "an invitation is valid for 1 to " + MAX_VALIDITY.toDays() + " days");
        }
        return transactions.inTransaction(TenantAccess.scope(user, organizationId), () -> {
            Caller acting = access.actingIn(user, organizationId, false);
            acting.requireAdmin();
            acting.requireWritable();
            organizations.findUserByEmail(normalized)
                    .flatMap(u -> organizations.member(organizationId, u.id()))
                    .ifPresent(m -> {
                        throw new DomainException.Conflict("member.exists", "this user is already a member of the organization");
                    });
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            String token = InvitationTokens.generate();
            Invitation invitation = new Invitation(UUID.randomUUID(), organizationId, normalized, role, acting.userId(),
                    now, now.plus(valid), null, null, null);
            invitations.insert(invitation, InvitationTokens.hash(token));
            audit.record(acting, "invitation.created", "invitation", invitation.id(),
                    Map.of("email", normalized, "role", role.wire(), "expiresAt", invitation.expiresAt().toString()));
            return new IssuedInvitation(invitation, token);
        });
    }

    @Override
    public Page<Invitation> list(Caller user, UUID organizationId, PageRequest page) {
        return transactions.inTransaction(TenantAccess.scope(user, organizationId), () -> {
            access.actingIn(user, organizationId, false).requireAdmin();
            return invitations.list(organizationId, page);
        });
    }

    @Override
    public void revoke(Caller user, UUID organizationId, UUID invitationId) {
        transactions.run(TenantAccess.scope(user, organizationId), () -> {
            Caller acting = access.actingIn(user, organizationId, false);
            acting.requireAdmin();
            acting.requireWritable();
            Invitation invitation = invitations.find(organizationId, invitationId)
                    .orElseThrow(() -> DomainException.NotFound.of("invitation", invitationId));
            invitations.update(invitation.revoke(clock.instant()));
            audit.record(acting, "invitation.revoked", "invitation", invitationId,
                    Map.of("email", invitation.email(), "role", invitation.role().wire()));
        });
    }

    @Override
    public Membership accept(Caller user, String token) {
        UUID userId = TenantAccess.requireUser(user);
        if (token == null || token.isBlank() || token.length() > 200) {
            throw notFound();
        }
        String hash = InvitationTokens.hash(token);
        // 1. no tenant yet: the token (a secret) unlocks the organization it belongs to, and nothing else
        UUID organizationId = transactions.inTransaction(TenantScope.user(userId), () -> invitations.organizationOfToken(hash))
                .orElseThrow(InvitationService::notFound);
        // 2. the acceptance runs in that tenant's unit of work, the invitation locked
        return transactions.inTransaction(TenantScope.tenant(organizationId, userId), () -> {
            Organization org = organizations.find(organizationId).orElseThrow(InvitationService::notFound);
            Invitation invitation = invitations.lockByTokenHash(organizationId, hash).orElseThrow(InvitationService::notFound);
            UserRef me = organizations.findUser(userId).orElseThrow(() ->
                    new DomainException.Unauthenticated("auth.required", "sign in first"));
            Instant now = clock.instant();
            Invitation accepted = invitation.accept(userId, me.email(), now);
            if (!org.active()) {
                throw new DomainException.Forbidden("organization.inactive",
                        "this organization has been deactivated by a system admin: it can be read but not changed");
            }
            if (organizations.member(organizationId, userId).isPresent()) {
                throw new DomainException.Conflict("member.exists", "you are already a member of this organization");
            }
            invitations.update(accepted);
            organizations.addMember(organizationId, userId, invitation.role(), now);
            organizations.adoptAsPrimaryIfNone(userId, organizationId);
            audit.record(user.inOrganization(organizationId, invitation.role()), "invitation.accepted", "invitation",
                    invitation.id(), Map.of("userId", userId.toString(), "email", invitation.email(), "role", invitation.role().wire()));
            return new Membership(org, invitation.role());
        });
    }

    private static DomainException.NotFound notFound() {
        return new DomainException.NotFound("invitation.not-found", "no invitation has this token");
    }
}
